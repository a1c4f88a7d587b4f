package io.des.job;

/**
 * Small per-ERID state (the seen-index bitset lives in a separate map state so that one record
 * touches one 512-byte chunk, not the whole bitset). A Flink POJO, so fields can be added later
 * without losing savepoints.
 */
public class EridProgress {

    public long numberOfRecords;

    /** The date of the ERID's first record; every later record is written under it. */
    public String requestDate;

    public long receivedCount;

    public EridPhase phase;

    /** Processing time of the last accepted (or, once complete, last) record. */
    public long lastActivityMillis;

    /** When the received count is next reported to the registry; 0 when no report is due. */
    public long receivedReportDueMillis;

    public EridProgress() {}

    public EridProgress(long numberOfRecords, String requestDate, long nowMillis) {
        this.numberOfRecords = numberOfRecords;
        this.requestDate = requestDate;
        this.receivedCount = 0;
        this.phase = EridPhase.RECEIVING;
        this.lastActivityMillis = nowMillis;
    }
}
