package io.des.cli;

import io.des.client.EridStatus;
import io.des.model.FieldCounts;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code des status ERID}: where it stands, and per field how it fared once completed. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Prints an ERID's status and progress.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    DesCommand des;

    @Parameters(index = "0", paramLabel = "ERID")
    String erid;

    @Override
    public Integer call() {
        EridStatus status = des.client().status(erid);
        des.out().println(summary(status));
        for (Map.Entry<String, FieldCounts> field : status.fields().entrySet()) {
            FieldCounts counts = field.getValue();
            des.out().println("  " + field.getKey() + ": found " + counts.found() + ", not found " + counts.notFound()
                    + ", failed " + counts.failed() + " of " + counts.of());
        }
        return ExitCode.OK;
    }

    /**
     * {@code <erid> completed 25000/25000 records, requested 2026-11-30}; an ERID in progress adds
     * how many of its records wait for a provider ({@code , 1200 waiting}) when DES says.
     */
    static String summary(EridStatus status) {
        if (status.numberOfRecords() == null) {
            return status.erid() + " " + status.state().wireName();
        }
        String waiting = status.recordsWaiting() == null ? "" : ", " + status.recordsWaiting() + " waiting";
        return status.erid() + " " + status.state().wireName() + " " + status.recordsCommitted() + "/"
                + status.numberOfRecords() + " records" + waiting + ", requested " + status.requestDate();
    }
}
