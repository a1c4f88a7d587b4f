package io.des.pipeline.window;

import io.des.pipeline.config.LoadMode;
import java.io.Serializable;

/**
 * The source rows one run reads, fixed when the run is planned and kept until it commits, so a
 * run retried after a crash reads the same window and gets the same ERID.
 *
 * @param after the last row the previous committed run loaded (exclusive); null for a full run or
 *     the first incremental one
 * @param through the high-water mark taken when the run was planned (inclusive): rows written
 *     after it wait for the next run; null when the pipeline has no cursor or the source had no
 *     row with one
 * @param runNumber 1 for a pipeline's first run, one more for each committed run after it: two
 *     full runs over unchanged data are still two runs, with two ERIDs
 */
public record RunWindow(LoadMode mode, Watermark after, Watermark through, long runNumber) implements Serializable {

    public RunWindow {
        if (mode == LoadMode.FULL && after != null) {
            throw new IllegalArgumentException("a full run has no low mark");
        }
        if (runNumber < 1) {
            throw new IllegalArgumentException("runNumber starts at 1, got " + runNumber);
        }
    }

    /** What a person reads: {@code full through (t, 42)} or {@code (t1, 7) < row <= (t2, 42)}. */
    public String describe() {
        if (mode == LoadMode.FULL) {
            return through == null ? "full" : "full through " + through;
        }
        return (after == null ? "start" : after.toString()) + " < row <= " + (through == null ? "nothing" : through.toString());
    }
}
