package io.des.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code des wait ERID}: until it completes or expires, or the timeout. */
@Command(name = "wait", mixinStandardHelpOptions = true,
        description = "Waits until the ERID completes (exit 0) or expires (exit 2); exit 3 when still incomplete at the timeout.")
final class WaitCommand implements Callable<Integer> {

    @ParentCommand
    DesCommand des;

    @Parameters(index = "0", paramLabel = "ERID")
    String erid;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "how long at most, e.g. 90s, 30m, 2h (default: about 4 hours of polling)")
    Duration timeout;

    @Override
    public Integer call() {
        return Waiting.until(des, des.client(), erid, timeout);
    }
}
