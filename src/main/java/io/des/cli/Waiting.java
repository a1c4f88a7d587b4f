package io.des.cli;

import io.des.client.AwaitPolicy;
import io.des.client.DesClient;
import io.des.client.EridStatus;
import java.time.Duration;

/** Waits for an ERID with a bar of records committed, and turns where it ended into an exit code. */
final class Waiting {

    private Waiting() {}

    /** @param timeout how long at most; null to wait as long as {@link AwaitPolicy#defaults()} polls */
    static int until(DesCommand des, DesClient client, String erid, Duration timeout) {
        AwaitPolicy policy = timeout == null ? AwaitPolicy.defaults()
                : AwaitPolicy.defaults().withAttempts(AwaitPolicy.defaults().maxInexistentAttempts(), Integer.MAX_VALUE)
                        .withTimeout(timeout);
        Progress[] bar = {null};
        EridStatus last;
        try {
            last = client.await(erid, policy, status -> {
                if (bar[0] == null && status.numberOfRecords() != null) {
                    bar[0] = des.progress("committed", "records", status.numberOfRecords());
                }
                if (bar[0] != null) {
                    bar[0].update(status.recordsCommitted());
                }
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        des.out().println(StatusCommand.summary(last));
        return switch (last.state()) {
            case COMPLETED -> ExitCode.OK;
            case EXPIRED -> ExitCode.EXPIRED;
            case INCOMPLETE -> {
                des.err().println("des: gave up waiting: " + last.erid() + " is still incomplete");
                yield ExitCode.TIMED_OUT;
            }
            case INEXISTENT -> {
                des.err().println("des: no enrichment request " + last.erid() + " (for this API key)");
                yield ExitCode.ERROR;
            }
        };
    }
}
