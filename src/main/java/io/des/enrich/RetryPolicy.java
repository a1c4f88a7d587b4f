package io.des.enrich;

import io.des.config.EnrichKeys;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently a failed, retryable lookup is tried again: capped exponential
 * backoff with full jitter.
 *
 * <p>Full jitter (a uniformly random wait between zero and the exponential cap) rather than a fixed
 * schedule, because every parallel instance sees the same provider outage at the same time; fixed
 * delays would have them all retry in lock step and knock the provider over again.
 *
 * <p>Defaults ({@link #defaults()}): 4 attempts in total, 100 ms initial backoff, 5 s maximum
 * backoff, multiplier 2.
 */
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default total number of attempts, the first one included. */
    public static final int DEFAULT_MAX_ATTEMPTS = EnrichKeys.RETRY_MAX_ATTEMPTS.defaultValue().orElseThrow().intValue();
    /** Default cap of the wait before the first retry. */
    public static final Duration DEFAULT_INITIAL_BACKOFF =
            Duration.ofMillis(EnrichKeys.RETRY_INITIAL_BACKOFF_MS.defaultValue().orElseThrow());
    /** Default upper bound of the exponential cap. */
    public static final Duration DEFAULT_MAX_BACKOFF =
            Duration.ofMillis(EnrichKeys.RETRY_MAX_BACKOFF_MS.defaultValue().orElseThrow());
    /** Default growth factor of the cap between attempts. */
    public static final double DEFAULT_MULTIPLIER = 2.0;

    private final int maxAttempts;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final double multiplier;

    /**
     * @param maxAttempts total attempts including the first, at least 1 (1 disables retries)
     * @param initialBackoff cap of the wait before the first retry, positive
     * @param maxBackoff upper bound of the cap, at least {@code initialBackoff}
     * @param multiplier growth of the cap per retry, at least 1
     * @throws IllegalArgumentException naming the invalid argument
     */
    public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff (" + maxBackoff + ") must be at least initialBackoff (" + initialBackoff + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoffMillis = initialBackoff.toMillis();
        this.maxBackoffMillis = maxBackoff.toMillis();
        this.multiplier = multiplier;
    }

    /** The documented defaults: 4 attempts, 100 ms initial, 5 s maximum, multiplier 2. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MULTIPLIER);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return Duration.ofMillis(initialBackoffMillis);
    }

    public Duration maxBackoff() {
        return Duration.ofMillis(maxBackoffMillis);
    }

    public double multiplier() {
        return multiplier;
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait before the next attempt.
     *
     * @param attemptsMade attempts made so far (1 after the first failure)
     * @param providerMinimum the provider's {@code Retry-After}, honoured as a floor; null if none
     * @param uniform source of uniformly distributed numbers in [0, 1)
     */
    public Duration backoff(int attemptsMade, Duration providerMinimum, DoubleSupplier uniform) {
        double cap = Math.min(maxBackoffMillis, initialBackoffMillis * Math.pow(multiplier, attemptsMade - 1));
        long jittered = (long) (uniform.getAsDouble() * cap);
        long floor = providerMinimum == null ? 0 : RetryAfter.saturated(providerMinimum).toMillis();
        return Duration.ofMillis(Math.max(jittered, floor));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetryPolicy)) {
            return false;
        }
        RetryPolicy that = (RetryPolicy) o;
        return maxAttempts == that.maxAttempts
                && initialBackoffMillis == that.initialBackoffMillis
                && maxBackoffMillis == that.maxBackoffMillis
                && Double.compare(multiplier, that.multiplier) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoffMillis, maxBackoffMillis, multiplier);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoffMillis=" + initialBackoffMillis
                + ", maxBackoffMillis=" + maxBackoffMillis + ", multiplier=" + multiplier + '}';
    }
}
