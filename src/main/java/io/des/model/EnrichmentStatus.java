package io.des.model;

/** Outcome of enriching one record (and, per field, one lookup). */
public enum EnrichmentStatus {
    /** At least one requested field was found (per field: the value was found). */
    ENRICHED("enriched"),
    /** The providers answered, but had no value for any requested field. */
    NOT_FOUND("not_found"),
    /** Enrichment gave up (retries exhausted, timeout, circuit open); the reason says why. */
    FAILED("failed");

    private final String wireName;

    EnrichmentStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value stored in Parquet and returned by the API. */
    public String wireName() {
        return wireName;
    }
}
