package io.des.pipeline.run;

import java.util.Locale;

/**
 * Where a pipeline run stands. A run moves forward one phase at a time; a failure leaves it where
 * it was (with the reason), and the next {@code des pipeline run} resumes it there, with the same
 * window and ERID, so no phase is ever done twice in a way anyone can see.
 */
public enum RunPhase {
    /** The window is fixed (low and high marks, run number, ERID); nothing is read yet. */
    PLANNED,
    /** The window's rows are read, checked and staged; {@code number_of_records} is fixed. */
    STAGED,
    /** Every staged row is accepted by DES under the run's ERID. */
    SUBMITTED,
    /** DES completed the ERID: every row is enriched and committed. */
    ENRICHED,
    /** The destination holds the rows and the new watermark, committed together. */
    COMMITTED,
    /** The window held no row: nothing to enrich, the watermark stays. */
    NOTHING_NEW;

    public boolean isFinished() {
        return this == COMMITTED || this == NOTHING_NEW;
    }

    /** The only moves: one phase forward, or from a planned run to "nothing new". */
    public boolean canMoveTo(RunPhase next) {
        if (this == PLANNED && next == NOTHING_NEW) {
            return true;
        }
        return !isFinished() && next.ordinal() == ordinal() + 1 && next != NOTHING_NEW;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
