package io.des.job;

/**
 * The life of an ERID in the job's keyed state. Transitions live in {@link EridProgressFunction}:
 *
 * <pre>
 * (none) ──first record──► RECEIVING ──last distinct record──► ALL_RECEIVED ──retention timer──► (cleared)
 *                              └────────── no record for the retention period ──────────────► (cleared)
 * </pre>
 *
 * Publishing the partition is the sink's business, after its commit; this state only decides
 * which records are new.
 */
public enum EridPhase {
    /** Some records seen; the bitset of seen indexes is kept. */
    RECEIVING,
    /** Every index in {@code [0, number_of_records)} seen; the bitset is dropped, later copies are duplicates. */
    ALL_RECEIVED
}
