package io.des.api.tenant;

/**
 * What one tenant may use. A limit a tenant's entry leaves out takes its default, listed here and
 * in the README.
 *
 * @param requestsPerSecond API requests per second, sustained; bursts up to the same number
 *     (token bucket). Past it: 429 {@code rate_limited} with {@code Retry-After}. Default {@value
 *     #DEFAULT_REQUESTS_PER_SECOND}.
 * @param recordsPerDay contacts accepted per UTC day, over all ERIDs. Default {@value
 *     #DEFAULT_RECORDS_PER_DAY}.
 * @param eridsInProgress ERIDs accepted and not yet completed. Default {@value
 *     #DEFAULT_ERIDS_IN_PROGRESS}.
 * @param maxNumberOfRecords largest {@code number_of_records} of one ERID. Default {@value
 *     #DEFAULT_MAX_NUMBER_OF_RECORDS}; never above the service-wide bound of the ingest API.
 */
public record TenantLimits(double requestsPerSecond, long recordsPerDay, int eridsInProgress, long maxNumberOfRecords) {

    public static final double DEFAULT_REQUESTS_PER_SECOND = 50;
    public static final long DEFAULT_RECORDS_PER_DAY = 5_000_000L;
    public static final int DEFAULT_ERIDS_IN_PROGRESS = 1_000;
    public static final long DEFAULT_MAX_NUMBER_OF_RECORDS = 10_000_000L;

    public static final TenantLimits DEFAULTS = new TenantLimits(DEFAULT_REQUESTS_PER_SECOND, DEFAULT_RECORDS_PER_DAY,
            DEFAULT_ERIDS_IN_PROGRESS, DEFAULT_MAX_NUMBER_OF_RECORDS);

    public TenantLimits {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests_per_second must be a positive number, got " + requestsPerSecond);
        }
        if (recordsPerDay <= 0 || eridsInProgress <= 0 || maxNumberOfRecords <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
