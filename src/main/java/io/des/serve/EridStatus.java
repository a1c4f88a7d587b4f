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
 * @param recordsWaiting for an ERID in progress, the records the job has taken in and not committed
 *     yet (waiting for a provider, being enriched, or written and waiting for the next checkpoint);
 *     null otherwise, or when the source does not know
 */
public record EridStatus(EridState state, long recordsCommitted, Long numberOfRecords, Long recordsWaiting) {

    public EridStatus {
        Objects.requireNonNull(state, "state");
        if (recordsCommitted < 0) {
            throw new IllegalArgumentException("recordsCommitted must be >= 0, got " + recordsCommitted);
        }
    }

    /** A status without a count of waiting records. */
    public EridStatus(EridState state, long recordsCommitted, Long numberOfRecords) {
        this(state, recordsCommitted, numberOfRecords, null);
    }

    /** The status of an ERID of which nothing is stored. */
    public static EridStatus inexistent() {
        return new EridStatus(EridState.INEXISTENT, 0, null);
    }

    public boolean isCompleted() {
        return state == EridState.COMPLETED;
    }
}
