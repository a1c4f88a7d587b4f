package io.des.enrich;

import java.util.function.LongSupplier;

/**
 * A token bucket: requests spend one token each, tokens refill continuously at a rate, and the
 * bucket holds at most {@code capacity} of them (the largest burst).
 *
 * <p>It never waits itself: {@link #tryTake()} either takes a token or says how long until the next
 * one, and the caller schedules itself for then. Not thread-safe: callers guard it ({@link RequestGate}, the API's per-tenant rate limit).
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final LongSupplier nanoClock;
    private final double capacity;
    private double tokensPerSecond;
    private double tokens;
    private long refilledAtNanos;

    /**
     * @param tokensPerSecond refill rate, positive
     * @param capacity largest burst, at least 1; the bucket starts full
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
     */
    public TokenBucket(double tokensPerSecond, double capacity, LongSupplier nanoClock) {
        if (!(tokensPerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1, were "
                    + tokensPerSecond + " and " + capacity);
        }
        this.tokensPerSecond = tokensPerSecond;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.refilledAtNanos = nanoClock.getAsLong();
    }

    /** Takes a token and returns 0, or takes nothing and returns the nanoseconds until one is due. */
    public long tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerSecond * NANOS_PER_SECOND));
    }

    /** Changes the refill rate from now on (adaptive slow-down); tokens already earned are kept. */
    void setRate(double newTokensPerSecond) {
        refill();
        this.tokensPerSecond = newTokensPerSecond;
    }

    double rate() {
        return tokensPerSecond;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAtNanos) / NANOS_PER_SECOND * tokensPerSecond);
        refilledAtNanos = now;
    }
}
