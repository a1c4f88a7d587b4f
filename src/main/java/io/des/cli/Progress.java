package io.des.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How far a long step is, on standard error: a redrawn bar on a terminal, plain lines (one per
 * tenth, and the last) where output goes to a file or a CI log, which a redrawn bar would fill
 * with carriage returns.
 */
interface Progress extends AutoCloseable {

    /** {@code done} of the total, a running total. */
    void update(long done);

    @Override
    void close();

    static Progress of(String task, String unit, long total, PrintStream err, boolean terminal) {
        return terminal ? new Bar(task, unit, total, err) : new Lines(task, unit, total, err);
    }

    /** The progressbar library's bar. */
    final class Bar implements Progress {

        private final ProgressBar bar;

        Bar(String task, String unit, long total, PrintStream err) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                    .setUpdateIntervalMillis(250).showSpeed().build();
        }

        @Override
        public synchronized void update(long done) {
            bar.stepTo(done);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** {@code sent: 2500/25000 records (10%)} at each tenth. */
    final class Lines implements Progress {

        private final String task;
        private final String unit;
        private final long total;
        private final PrintStream err;
        private long tenthsShown = -1;

        Lines(String task, String unit, long total, PrintStream err) {
            this.task = task;
            this.unit = unit;
            this.total = total;
            this.err = err;
        }

        @Override
        public synchronized void update(long done) {
            long tenths = total <= 0 ? 10 : Math.min(10, done * 10 / total);
            if (tenths > tenthsShown) {
                tenthsShown = tenths;
                err.println(task + ": " + done + "/" + total + " " + unit + " (" + (total <= 0 ? 100 : done * 100 / total) + "%)");
            }
        }

        @Override
        public void close() {}
    }
}
