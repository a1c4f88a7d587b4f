package io.des.enrich;

import io.des.config.EnrichKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How DES protects one provider, and how patiently it retries it.
 *
 * <p>Defaults: {@link #DEFAULT_MAX_IN_FLIGHT} calls in flight per parallel instance, no
 * requests-per-second limit, circuit opened by {@link #DEFAULT_CIRCUIT_FAILURE_THRESHOLD}
 * consecutive failures for {@link #DEFAULT_CIRCUIT_OPEN_MS} ms, {@link RetryPolicy#defaults()},
 * {@code Retry-After} obeyed up to {@link #DEFAULT_RETRY_AFTER_CAP_MS} ms.
 *
 * @param maxInFlight calls in flight at once per parallel instance, at least 1
 * @param requestsPerSecond the whole job's budget for this provider, shared evenly by the parallel
 *     instances; 0 for no limit
 * @param circuitFailureThreshold consecutive failures that open the circuit
 * @param circuitOpenMillis how long an open circuit refuses calls before a trial call
 * @param retryPolicy attempts and backoff for this provider's retryable failures
 * @param retryAfterCapMillis the longest {@code Retry-After} waited for; a provider asking for more
 *     is treated as unavailable for as long as it asked, and its lookups move on at once
 */
public record ProviderLimits(
        int maxInFlight, double requestsPerSecond, int circuitFailureThreshold, long circuitOpenMillis,
        RetryPolicy retryPolicy, long retryAfterCapMillis) implements Serializable {

    public static final int DEFAULT_MAX_IN_FLIGHT = EnrichKeys.MAX_IN_FLIGHT.defaultValue().orElseThrow().intValue();
    public static final int DEFAULT_CIRCUIT_FAILURE_THRESHOLD =
            EnrichKeys.CIRCUIT_FAILURE_THRESHOLD.defaultValue().orElseThrow().intValue();
    public static final long DEFAULT_CIRCUIT_OPEN_MS = EnrichKeys.CIRCUIT_OPEN_MS.defaultValue().orElseThrow();
    public static final long DEFAULT_RETRY_AFTER_CAP_MS = EnrichKeys.RETRY_AFTER_CAP_MS.defaultValue().orElseThrow();

    public ProviderLimits {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (maxInFlight < 1 || requestsPerSecond < 0 || circuitFailureThreshold < 1 || circuitOpenMillis < 0
                || retryAfterCapMillis < 0) {
            throw new IllegalArgumentException("invalid provider limits: maxInFlight=" + maxInFlight
                    + ", requestsPerSecond=" + requestsPerSecond + ", circuitFailureThreshold="
                    + circuitFailureThreshold + ", circuitOpenMillis=" + circuitOpenMillis
                    + ", retryAfterCapMillis=" + retryAfterCapMillis);
        }
    }

    /** The documented defaults. */
    public static ProviderLimits defaults() {
        return new ProviderLimits(DEFAULT_MAX_IN_FLIGHT, 0, DEFAULT_CIRCUIT_FAILURE_THRESHOLD,
                DEFAULT_CIRCUIT_OPEN_MS, RetryPolicy.defaults(), DEFAULT_RETRY_AFTER_CAP_MS);
    }

    /**
     * {@code maxInFlight} calls at once and {@code retry}, no rate limit and a circuit that never
     * opens: the behaviour of a single provider the operator used to call directly (as many calls in
     * flight as records released to it, every failure retried), which its users rely on.
     */
    public static ProviderLimits inFlightAndRetries(int maxInFlight, RetryPolicy retry) {
        return new ProviderLimits(maxInFlight, 0, Integer.MAX_VALUE, DEFAULT_CIRCUIT_OPEN_MS, retry,
                DEFAULT_RETRY_AFTER_CAP_MS);
    }

    /** One parallel instance's share of the requests-per-second budget (0: no limit). */
    public double requestsPerSecondPerInstance(int parallelSubtasks) {
        return requestsPerSecond / parallelSubtasks;
    }

    public Duration retryAfterCap() {
        return Duration.ofMillis(retryAfterCapMillis);
    }

    public Duration circuitOpenDuration() {
        return Duration.ofMillis(circuitOpenMillis);
    }
}
