package io.des.client;

import java.time.Duration;

/**
 * How often a call is sent again after {@code 503}, {@code 429}, a gateway's {@code 502}/{@code
 * 504} or a connection failure. The wait is the answer's {@code Retry-After} when it has one,
 * otherwise exponential backoff with equal jitter between {@code firstDelay} and {@code maxDelay}.
 * Resending a chunk is safe by construction: it carries the same {@code erid} and {@code offset},
 * and DES stores each {@code (erid, record_index)} once.
 *
 * @param maxAttempts attempts in all, the first one included; at least 1
 * @param firstDelay cap of the wait before the first resend, positive
 * @param maxDelay cap of every wait, at least {@code firstDelay}
 */
public record ResendPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public ResendPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + " and " + maxDelay);
        }
    }

    /** 8 attempts, waits from 0.5 s growing to at most 30 s (about 2 minutes in all without Retry-After). */
    public static ResendPolicy defaults() {
        return new ResendPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
