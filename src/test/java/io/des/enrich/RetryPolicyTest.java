package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    void defaultsAreFourAttemptsFrom100msUpTo5s() {
        RetryPolicy defaults = RetryPolicy.defaults();

        assertEquals(4, defaults.maxAttempts());
        assertEquals(Duration.ofMillis(100), defaults.initialBackoff());
        assertEquals(Duration.ofSeconds(5), defaults.maxBackoff());
        assertEquals(2.0, defaults.multiplier());
        assertTrue(defaults.allowsAnotherAttempt(3));
        assertFalse(defaults.allowsAnotherAttempt(4));
    }

    @Test
    void backoffCapGrowsExponentiallyUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertEquals(Duration.ofMillis(99), policy.backoff(1, null, () -> ALMOST_ONE));
        assertEquals(Duration.ofMillis(399), policy.backoff(3, null, () -> ALMOST_ONE));
        assertEquals(Duration.ofMillis(4999), policy.backoff(20, null, () -> ALMOST_ONE));
    }

    @Test
    void fullJitterCanWaitAnywhereDownToZero() {
        assertEquals(Duration.ZERO, RetryPolicy.defaults().backoff(3, null, () -> 0.0));
        assertEquals(Duration.ofMillis(200), RetryPolicy.defaults().backoff(3, null, () -> 0.5));
    }

    @Test
    void providersRetryAfterIsAFloorEvenAboveTheMaximum() {
        Duration retryAfter = Duration.ofSeconds(7);

        assertEquals(retryAfter, RetryPolicy.defaults().backoff(1, retryAfter, () -> ALMOST_ONE));
    }

    @Test
    void rejectsMaximumBelowInitialBackoff() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1), 2.0));

        assertTrue(error.getMessage().contains("maxBackoff"), error.getMessage());
    }

    @Test
    void rejectsZeroAttempts() {
        assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));
    }
}
