package io.des.sink;

/**
 * Keyed state of {@link PartitionProgressFunction}: how far one ERID is towards publication. A
 * Flink POJO so that fields can be added across savepoints.
 *
 * <p>Lifecycle, with every transition in {@link #addCommittedRows}:
 *
 * <pre>
 * RECEIVING ──committed rows == numberOfRecords──► PUBLISH_REQUESTED ──retention timer──► (state cleared)
 *     └──────committed rows &gt; numberOfRecords──► ROW_COUNT_EXCEEDED ──retention timer──► (state cleared)
 * </pre>
 *
 * Both end states are tombstones: committables replayed after a restore must not start a new count.
 * An ERID that stays RECEIVING with no new file for the retention period is dropped too (its
 * records stopped coming; the job's dedupe state expires after the same period).
 */
public class PartitionProgress {

    /** Where an ERID is on its way to publication. */
    public enum Lifecycle {
        /** Committed rows so far are fewer than the ERID's number of records. */
        RECEIVING,
        /** Every row is committed and the publish request was emitted; ignores further committables. */
        PUBLISH_REQUESTED,
        /** More rows were committed than the ERID has: never published, needs an operator. */
        ROW_COUNT_EXCEEDED
    }

    public String requestDate;
    public long numberOfRecords;
    public long committedRows;
    public Lifecycle lifecycle;
    /** Processing time of the last newly committed file; an ERID idle for the retention is dropped. */
    public long lastCommitMillis;
    /** When the pending registry progress report is due (processing time), or 0 when none is pending. */
    public long reportDueMillis;

    public PartitionProgress() {}

    static PartitionProgress receiving(String requestDate, long numberOfRecords) {
        PartitionProgress progress = new PartitionProgress();
        progress.requestDate = requestDate;
        progress.numberOfRecords = numberOfRecords;
        progress.lifecycle = Lifecycle.RECEIVING;
        return progress;
    }

    boolean isReceiving() {
        return lifecycle == Lifecycle.RECEIVING;
    }

    /** Counts the rows of one newly committed file and returns the lifecycle that results. */
    Lifecycle addCommittedRows(long rows) {
        if (!isReceiving()) {
            throw new IllegalStateException("rows committed to a partition in state " + lifecycle);
        }
        committedRows += rows;
        if (committedRows == numberOfRecords) {
            lifecycle = Lifecycle.PUBLISH_REQUESTED;
        } else if (committedRows > numberOfRecords) {
            lifecycle = Lifecycle.ROW_COUNT_EXCEEDED;
        }
        return lifecycle;
    }
}
