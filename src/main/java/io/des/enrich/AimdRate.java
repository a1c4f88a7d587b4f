package io.des.enrich;

import java.util.function.LongSupplier;

/**
 * Additive-increase, multiplicative-decrease of a request rate, as TCP does with its window: each
 * throttling answer halves the rate, each success gives back a small step, up to the configured
 * budget.
 *
 * <p>A burst of throttled answers to requests that were already in flight describes one overload,
 * not many, so the rate is cut at most once per {@code decreaseCooldown}. Not thread-safe; {@link
 * RequestGate} guards it.
 */
final class AimdRate {

    /** Share of the budget a success gives back: 25 successes climb from half to the full budget. */
    static final double INCREASE_SHARE = 0.02;
    static final double DECREASE_FACTOR = 0.5;

    private final double maxRate;
    private final double minRate;
    private final long decreaseCooldownNanos;
    private final LongSupplier nanoClock;
    private double rate;
    private long lastDecreaseNanos;
    private boolean decreasedBefore;

    /**
     * @param maxRate the configured budget, where the rate starts and which it never exceeds
     * @param minRate the floor a series of cuts stops at, positive
     * @param decreaseCooldownNanos minimum time between two cuts
     */
    AimdRate(double maxRate, double minRate, long decreaseCooldownNanos, LongSupplier nanoClock) {
        this.maxRate = maxRate;
        this.minRate = Math.min(minRate, maxRate);
        this.decreaseCooldownNanos = decreaseCooldownNanos;
        this.nanoClock = nanoClock;
        this.rate = maxRate;
    }

    /** A success: the rate grows by a step, up to the budget. */
    double onSuccess() {
        rate = Math.min(maxRate, rate + maxRate * INCREASE_SHARE);
        return rate;
    }

    /** A throttling answer: the rate halves, unless it was already cut within the cooldown. */
    double onThrottled() {
        long now = nanoClock.getAsLong();
        if (!decreasedBefore || now - lastDecreaseNanos >= decreaseCooldownNanos) {
            rate = Math.max(minRate, rate * DECREASE_FACTOR);
            lastDecreaseNanos = now;
            decreasedBefore = true;
        }
        return rate;
    }

    double rate() {
        return rate;
    }
}
