package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Token bucket, AIMD and circuit breaker on an injected clock: no sleeping. */
class ThrottlingPrimitivesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void tokenBucketAllowsItsBurstThenSaysWhenTheNextTokenIsDue() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);

        assertEquals(0, bucket.tryTake());
        assertEquals(0, bucket.tryTake());
        long wait = bucket.tryTake();

        assertEquals(SECOND / 10, wait, SECOND / 1000);
        now.addAndGet(wait);
        assertEquals(0, bucket.tryTake());
    }

    @Test
    void tokenBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(10, 1, now::get);
        now.addAndGet(60 * SECOND);

        assertEquals(0, bucket.tryTake());
        assertTrue(bucket.tryTake() > 0, "an idle minute must not save up 600 tokens");
    }

    @Test
    void slowerRateMakesTheNextTokenLater() {
        TokenBucket bucket = new TokenBucket(10, 1, now::get);
        bucket.tryTake();
        bucket.setRate(1);

        assertEquals(SECOND, bucket.tryTake(), SECOND / 1000);
    }

    @Test
    void aimdHalvesOnThrottlingOncePerCooldownAndClimbsBackInSteps() {
        AimdRate aimd = new AimdRate(100, 5, SECOND, now::get);

        assertEquals(50, aimd.onThrottled(), 1e-9);
        assertEquals(50, aimd.onThrottled(), 1e-9, "a burst of 429s within the cooldown is one overload");
        now.addAndGet(SECOND);
        assertEquals(25, aimd.onThrottled(), 1e-9);
        assertEquals(27, aimd.onSuccess(), 1e-9);
        for (int i = 0; i < 100; i++) {
            aimd.onSuccess();
        }
        assertEquals(100, aimd.rate(), 1e-9, "never above the configured budget");
    }

    @Test
    void aimdStopsAtItsFloor() {
        AimdRate aimd = new AimdRate(100, 5, 0, now::get);
        for (int i = 0; i < 20; i++) {
            aimd.onThrottled();
        }
        assertEquals(5, aimd.rate(), 1e-9);
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresOnly() {
        CircuitBreaker breaker = new CircuitBreaker(3, 30 * SECOND, now::get);
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess();
        breaker.onFailure();
        breaker.onFailure();
        assertTrue(breaker.tryPass(), "a success in between resets the count");

        breaker.onFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.tryPass());
    }

    @Test
    void openCircuitLetsOneTrialThroughAfterItsOpenTimeAndClosesOnSuccess() {
        CircuitBreaker breaker = new CircuitBreaker(1, 30 * SECOND, now::get);
        breaker.onFailure();
        now.addAndGet(29 * SECOND);
        assertFalse(breaker.tryPass());

        now.addAndGet(SECOND);
        assertTrue(breaker.tryPass(), "the trial call");
        assertFalse(breaker.tryPass(), "only one trial at a time");
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        breaker.onSuccess();

        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.tryPass());
    }

    @Test
    void failedTrialOpensTheCircuitForAnotherPeriod() {
        CircuitBreaker breaker = new CircuitBreaker(5, 30 * SECOND, now::get);
        for (int i = 0; i < 5; i++) {
            breaker.onFailure();
        }
        now.addAndGet(30 * SECOND);
        assertTrue(breaker.tryPass());

        breaker.onFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        now.addAndGet(29 * SECOND);
        assertFalse(breaker.tryPass());
    }
}
