package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final double ALMOST_ONE = Math.nextDown(1.0);
    private static final Instant CREATED = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void capDoublesFromFiveSecondsUpToAnHour() {
        RetrySchedule highest = schedule(RetrySchedule.Jitter.FULL, ALMOST_ONE);

        assertEquals(Duration.ofMillis(4_999), highest.delay(1));
        assertEquals(Duration.ofMillis(9_999), highest.delay(2));
        assertEquals(Duration.ofMillis(39_999), highest.delay(4));
        assertEquals(Duration.ofMillis(3_599_999), highest.delay(11));
        assertEquals(Duration.ofMillis(3_599_999), highest.delay(500));
    }

    @Test
    void fullJitterMayWaitAnythingDownToZero() {
        assertEquals(Duration.ZERO, schedule(RetrySchedule.Jitter.FULL, 0.0).delay(3));
        assertEquals(Duration.ofSeconds(10), schedule(RetrySchedule.Jitter.FULL, 0.5).delay(3));
    }

    @Test
    void equalJitterWaitsAtLeastHalfTheCap() {
        assertEquals(Duration.ofMillis(2_500), schedule(RetrySchedule.Jitter.EQUAL, 0.0).delay(1));
        assertEquals(Duration.ofMillis(4_999), schedule(RetrySchedule.Jitter.EQUAL, ALMOST_ONE).delay(1));
        assertEquals(Duration.ofMinutes(30), schedule(RetrySchedule.Jitter.EQUAL, 0.0).delay(40));
    }

    @Test
    void defaultsUseEqualJitterAndADayDeadline() {
        RetrySchedule defaults = RetrySchedule.defaults();

        assertEquals(Duration.ofHours(24), defaults.deadline());
        for (int attempt = 1; attempt < 30; attempt++) {
            Duration delay = defaults.delay(attempt);
            long cap = Math.min(3_600_000, 5_000L << Math.min(attempt - 1, 20));
            assertTrue(delay.toMillis() >= cap / 2 && delay.toMillis() < cap, attempt + ": " + delay);
        }
    }

    @Test
    void nextAttemptIsNowPlusTheDelay() {
        Instant now = CREATED.plusSeconds(30);

        assertEquals(Optional.of(now.plusMillis(2_500)), schedule(RetrySchedule.Jitter.EQUAL, 0.0).nextAttempt(CREATED, 1, now, null));
    }

    @Test
    void retryAfterIsAFloor() {
        Instant now = CREATED.plusSeconds(30);

        assertEquals(Optional.of(now.plusSeconds(120)),
                schedule(RetrySchedule.Jitter.EQUAL, 0.0).nextAttempt(CREATED, 1, now, Duration.ofSeconds(120)));
        assertEquals(Optional.of(now.plusMillis(2_500)),
                schedule(RetrySchedule.Jitter.EQUAL, 0.0).nextAttempt(CREATED, 1, now, Duration.ofSeconds(1)));
    }

    @Test
    void lastAttemptIsMadeAtTheDeadlineThenItGivesUp() {
        RetrySchedule schedule = schedule(RetrySchedule.Jitter.EQUAL, ALMOST_ONE);
        Instant deadline = CREATED.plus(Duration.ofHours(24));
        Instant tenMinutesBefore = deadline.minus(Duration.ofMinutes(10));

        assertEquals(Optional.of(deadline), schedule.nextAttempt(CREATED, 30, tenMinutesBefore, null));
        assertEquals(Optional.empty(), schedule.nextAttempt(CREATED, 31, deadline, null));
        assertEquals(Optional.empty(), schedule.nextAttempt(CREATED, 31, deadline.plusSeconds(1), null));
    }

    @Test
    void deadlineIsConfigurable() {
        RetrySchedule hour = schedule(RetrySchedule.Jitter.EQUAL, 0.0).withDeadline(Duration.ofHours(1));

        assertEquals(CREATED.plus(Duration.ofHours(1)), hour.deadlineFor(CREATED));
        assertEquals(Optional.empty(), hour.nextAttempt(CREATED, 3, CREATED.plus(Duration.ofHours(1)), null));
    }

    @Test
    void aReceiverThatNeverAnswersGetsAboutFortyAttemptsInADay() {
        RetrySchedule schedule = RetrySchedule.defaults().withRandom(new Random(7));
        Instant now = CREATED;
        int attempts = 1;
        for (Optional<Instant> next = schedule.nextAttempt(CREATED, attempts, now, null); next.isPresent();
                next = schedule.nextAttempt(CREATED, attempts, now, null)) {
            now = next.get();
            attempts++;
        }

        assertTrue(attempts >= 35 && attempts <= 50, "attempts: " + attempts);
        assertEquals(CREATED.plus(Duration.ofHours(24)), now, "the last attempt is at the deadline");
    }

    @Test
    void seededRandomIsReproducible() {
        assertEquals(RetrySchedule.defaults().withRandom(new Random(42)).delay(5),
                RetrySchedule.defaults().withRandom(new Random(42)).delay(5));
        assertNotEquals(RetrySchedule.defaults().withRandom(new Random(1)).delay(9),
                RetrySchedule.defaults().withRandom(new Random(2)).delay(9));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ZERO, Duration.ofHours(1), 2,
                RetrySchedule.Jitter.FULL, Duration.ofHours(1), () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(5), Duration.ofSeconds(1), 2,
                RetrySchedule.Jitter.FULL, Duration.ofHours(1), () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 0.5,
                RetrySchedule.Jitter.FULL, Duration.ofHours(1), () -> 0.5));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.defaults().withDeadline(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.defaults().delay(0));
    }

    private static RetrySchedule schedule(RetrySchedule.Jitter jitter, double fraction) {
        return new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 2.0, jitter, Duration.ofHours(24), () -> fraction);
    }
}
