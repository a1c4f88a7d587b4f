package io.des.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a webhook whose attempt failed is tried again: exponential backoff with jitter, until a
 * deadline measured from the event's creation, after which the delivery gives up.
 *
 * <p>The wait before retry <i>n</i> is drawn under a cap of {@code firstDelay × multiplier^(n-1)},
 * at most {@code maxDelay}: with {@link Jitter#FULL} anywhere in [0, cap), with {@link
 * Jitter#EQUAL} in [cap/2, cap). Jitter spreads the retries of many events that failed together
 * (a receiver's outage) so they do not return in one burst; equal jitter, the default, also keeps
 * the first retry a few seconds away instead of possibly immediate. A receiver's {@code
 * Retry-After} is a floor. The last attempt is made at the deadline at the latest; an attempt that
 * fails at or after it gives up.
 *
 * <p>Defaults ({@link #defaults()}): first delay 5 s, multiplier 2, cap 1 h, equal jitter, deadline
 * 24 h: retries 2.5–5 s, 5–10 s, 10–20 s, … after each failure, then every 30–60 minutes; about
 * 40 attempts in all for a receiver that never answers 2xx.
 */
public final class RetrySchedule {

    /** How the wait is drawn under the exponential cap. */
    public enum Jitter {
        /** Uniform in [0, cap). */
        FULL,
        /** Uniform in [cap/2, cap). */
        EQUAL
    }

    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofSeconds(5);
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final Jitter jitter;
    private final Duration deadline;
    private final DoubleSupplier uniform;

    /**
     * @param firstDelay cap of the wait before the first retry, positive
     * @param maxDelay upper bound of the cap, at least {@code firstDelay}
     * @param multiplier growth of the cap per retry, at least 1
     * @param deadline how long after the event's creation retries go on, positive
     * @param uniform numbers uniformly distributed in [0, 1)
     * @throws IllegalArgumentException naming the invalid argument
     */
    public RetrySchedule(Duration firstDelay, Duration maxDelay, double multiplier, Jitter jitter, Duration deadline,
            DoubleSupplier uniform) {
        requirePositive("firstDelay", firstDelay);
        requirePositive("deadline", deadline);
        if (maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + ") must be at least firstDelay (" + firstDelay + ")");
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.multiplier = multiplier;
        this.jitter = Objects.requireNonNull(jitter, "jitter");
        this.deadline = deadline;
        this.uniform = Objects.requireNonNull(uniform, "uniform");
    }

    /** 5 s, ×2, at most 1 h, equal jitter, 24 h deadline. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY, DEFAULT_MULTIPLIER, Jitter.EQUAL, DEFAULT_DEADLINE,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public RetrySchedule withDeadline(Duration deadline) {
        return new RetrySchedule(firstDelay, maxDelay, multiplier, jitter, deadline, uniform);
    }

    public RetrySchedule withJitter(Jitter jitter) {
        return new RetrySchedule(firstDelay, maxDelay, multiplier, jitter, deadline, uniform);
    }

    /** With jitter drawn from {@code random} (seeded in tests). */
    public RetrySchedule withRandom(Random random) {
        return new RetrySchedule(firstDelay, maxDelay, multiplier, jitter, deadline, random::nextDouble);
    }

    public Duration deadline() {
        return deadline;
    }

    /** When an event created at {@code createdAt} stops being retried. */
    public Instant deadlineFor(Instant createdAt) {
        return createdAt.plus(deadline);
    }

    /**
     * When to try again after the {@code failedAttempts}-th failed attempt ended at {@code now};
     * empty when the deadline has passed and the delivery should give up.
     *
     * @param retryAfter the receiver's {@code Retry-After}, a floor for the wait; null if none
     */
    public Optional<Instant> nextAttempt(Instant createdAt, int failedAttempts, Instant now, Duration retryAfter) {
        Instant giveUpAt = deadlineFor(createdAt);
        if (!now.isBefore(giveUpAt)) {
            return Optional.empty();
        }
        Duration wait = delay(failedAttempts);
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter;
        }
        Instant next = now.plus(wait);
        return Optional.of(next.isAfter(giveUpAt) ? giveUpAt : next);
    }

    /** The jittered wait after {@code failedAttempts} failed attempts (1 after the first). */
    public Duration delay(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, was " + failedAttempts);
        }
        long cap = (long) Math.min(maxDelay.toMillis(), firstDelay.toMillis() * Math.pow(multiplier, failedAttempts - 1));
        long floor = jitter == Jitter.FULL ? 0 : cap / 2;
        return Duration.ofMillis(floor + (long) (uniform.getAsDouble() * (cap - floor)));
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
