package io.des.client;

import java.time.Duration;

/**
 * How {@link DesClient#await} polls an ERID, after the design's rules: a separate maximum of
 * attempts while the ERID is {@code inexistent} (not stored yet, or never submitted: after that
 * many, give up and submit again under another ERID) and while it is {@code incomplete} (a large
 * ERID takes long: set this one higher), exponential backoff with a cap and equal jitter between
 * attempts, so that many clients polling together spread out, and an optional overall timeout.
 *
 * @param maxInexistentAttempts polls after the first while the ERID stays inexistent, at least 0
 * @param maxIncompleteAttempts polls while it stays incomplete, at least 0
 * @param firstDelay cap of the first wait of each phase, positive
 * @param maxDelay cap of every wait, at least {@code firstDelay}
 * @param timeout how long to wait at most in all; null for no limit but the attempts
 */
public record AwaitPolicy(int maxInexistentAttempts, int maxIncompleteAttempts, Duration firstDelay, Duration maxDelay,
        Duration timeout) {

    public AwaitPolicy {
        if (maxInexistentAttempts < 0 || maxIncompleteAttempts < 0) {
            throw new IllegalArgumentException("maximum attempts must not be negative");
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
    }

    /**
     * 6 polls while inexistent (about 30 s), 1,440 while incomplete (about 3 to 4 hours at the cap),
     * waits from 1 s doubling to at most 10 s, no timeout.
     */
    public static AwaitPolicy defaults() {
        return new AwaitPolicy(6, 1_440, Duration.ofSeconds(1), Duration.ofSeconds(10), null);
    }

    public AwaitPolicy withTimeout(Duration timeout) {
        return new AwaitPolicy(maxInexistentAttempts, maxIncompleteAttempts, firstDelay, maxDelay, timeout);
    }

    public AwaitPolicy withAttempts(int maxInexistentAttempts, int maxIncompleteAttempts) {
        return new AwaitPolicy(maxInexistentAttempts, maxIncompleteAttempts, firstDelay, maxDelay, timeout);
    }

    public AwaitPolicy withDelays(Duration firstDelay, Duration maxDelay) {
        return new AwaitPolicy(maxInexistentAttempts, maxIncompleteAttempts, firstDelay, maxDelay, timeout);
    }
}
