package io.des.ingest;

/**
 * Bounds on what one {@code POST /v2/enriched_data} may carry, so that one client cannot exhaust
 * the API's memory or the job's state.
 *
 * @param maxBodyBytes largest accepted request body; larger bodies get 413 {@code body_too_large}
 *     without being kept in memory (the HTTP edge enforces it while reading: {@code
 *     io.des.api.ServerLimits}). Default {@value #DEFAULT_MAX_BODY_BYTES} (10 MiB).
 * @param maxContactsPerRequest most entries in {@code contact_list}; more get 413 and the client
 *     splits the list into several POSTs using {@code offset}. Default
 *     {@value #DEFAULT_MAX_CONTACTS_PER_REQUEST}.
 * @param maxNumberOfRecords largest {@code number_of_records} an ERID may declare; it bounds the
 *     job's per-ERID state. Default {@value #DEFAULT_MAX_NUMBER_OF_RECORDS}.
 */
public record IngestLimits(int maxBodyBytes, int maxContactsPerRequest, long maxNumberOfRecords) {

    public static final int DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONTACTS_PER_REQUEST = 10_000;
    public static final long DEFAULT_MAX_NUMBER_OF_RECORDS = 10_000_000L;

    public IngestLimits {
        if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes must be in 1.." + (Integer.MAX_VALUE - 1) + ", got " + maxBodyBytes);
        }
        if (maxContactsPerRequest <= 0) {
            throw new IllegalArgumentException("maxContactsPerRequest must be positive, got " + maxContactsPerRequest);
        }
        if (maxNumberOfRecords <= 0) {
            throw new IllegalArgumentException("maxNumberOfRecords must be positive, got " + maxNumberOfRecords);
        }
    }

    /** The documented defaults. */
    public static IngestLimits defaults() {
        return new IngestLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CONTACTS_PER_REQUEST, DEFAULT_MAX_NUMBER_OF_RECORDS);
    }
}
