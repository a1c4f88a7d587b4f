package io.des.cli;

import io.des.client.EridStatus;
import io.des.serve.EridState;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code des list}: the caller's ERIDs of the last 30 days, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists your ERIDs of the last 30 days, newest first: ERID, status, records committed/total, created at.")
final class ListCommand implements Callable<Integer> {

    enum Status { incomplete, completed, expired }

    @ParentCommand
    DesCommand des;

    @Option(names = "--status", paramLabel = "STATUS", description = "only this status: ${COMPLETION-CANDIDATES}")
    Status status;

    @Override
    public Integer call() {
        EridState only = status == null ? null : EridState.valueOf(status.name().toUpperCase(java.util.Locale.ROOT));
        try (Stream<EridStatus> entries = des.client().list(only)) {
            entries.forEach(entry -> des.out().println(entry.erid() + "  " + entry.state().wireName() + "  "
                    + entry.recordsCommitted() + "/" + entry.numberOfRecords() + "  " + entry.createdAt()));
        }
        return ExitCode.OK;
    }
}
