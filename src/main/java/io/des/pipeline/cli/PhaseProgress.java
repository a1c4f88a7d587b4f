package io.des.pipeline.cli;

import io.des.pipeline.run.RunProgress;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A run's progress on standard error: a bar per phase with a known size (submit, enrich, load) on a
 * terminal, plain lines elsewhere (CI logs, pipes), and one summary line as each phase ends.
 */
final class PhaseProgress implements RunProgress {

    private final PrintStream err;
    private final boolean terminal;
    private ProgressBar bar;
    private long total;
    private long tenthsShown;

    PhaseProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void started(String phase, long total) {
        this.total = total;
        this.tenthsShown = 0;
        if (terminal && total > 0) {
            bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(total).setUnit(" rows", 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err)).setUpdateIntervalMillis(250).build();
        } else {
            err.println(phase + ": started" + (total > 0 ? " (" + total + " rows)" : ""));
        }
    }

    @Override
    public synchronized void advanced(String phase, long done) {
        if (bar != null) {
            bar.stepTo(done);
        } else if (total > 0 && done * 10 / total > tenthsShown) {
            tenthsShown = done * 10 / total;
            err.println(phase + ": " + done + "/" + total + " rows (" + (done * 100 / total) + "%)");
        }
    }

    @Override
    public synchronized void finished(String phase, String summary) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        err.println(phase + ": " + summary);
    }
}
