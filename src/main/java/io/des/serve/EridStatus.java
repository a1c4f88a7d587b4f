package io.des.serve;

import java.util.Objects;

/**
 * An ERID's state and progress.
 *
 * @param state where the ERID stands
 * @param recordsCommitted distinct records durably written so far (all of them once completed, 0
 *     when inexistent)
 * @param numberOfRecords the ERID's total number of records, or null while no record of it has been
 *     committed (the total is only known from the data)
 */
public record EridStatus(EridState state, long recordsCommitted, Long numberOfRecords) {

    public EridStatus {
        Objects.requireNonNull(state, "state");
        if (recordsCommitted < 0) {
            throw new IllegalArgumentException("recordsCommitted must be >= 0, got " + recordsCommitted);
        }
    }

    /** The status of an ERID of which nothing is stored. */
    public static EridStatus inexistent() {
        return new EridStatus(EridState.INEXISTENT, 0, null);
    }

    public boolean isCompleted() {
        return state == EridState.COMPLETED;
    }
}
