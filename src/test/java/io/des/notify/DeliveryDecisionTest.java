package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.registry.DeliveryState;
import io.des.registry.WebhookDelivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per transition a delivery attempt can make. */
class DeliveryDecisionTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T09:00:00Z");
    private static final RetrySchedule SCHEDULE = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 2.0,
            RetrySchedule.Jitter.EQUAL, Duration.ofHours(24), () -> 0.0);

    @Test
    void pendingAnswered2xxIsDelivered() {
        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.PENDING, 0), AttemptOutcome.ofStatus(200, null),
                SCHEDULE, CREATED);

        assertEquals(new DeliveryDecision(DeliveryState.DELIVERED, null), decision);
        assertTrue(DeliveryState.PENDING.canMoveTo(decision.next()));
    }

    @Test
    void retryingAnswered2xxIsDelivered() {
        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.RETRYING, 3), AttemptOutcome.ofStatus(204, null),
                SCHEDULE, CREATED.plusSeconds(60));

        assertEquals(new DeliveryDecision(DeliveryState.DELIVERED, null), decision);
    }

    @Test
    void pendingFailedBeforeTheDeadlineRetriesAfterTheFirstBackoff() {
        Instant now = CREATED.plusSeconds(1);

        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.PENDING, 0), AttemptOutcome.ofStatus(500, null),
                SCHEDULE, now);

        assertEquals(new DeliveryDecision(DeliveryState.RETRYING, now.plusMillis(2_500)), decision);
    }

    @Test
    void retryingFailedBeforeTheDeadlineBacksOffFurther() {
        Instant now = CREATED.plusSeconds(600);

        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.RETRYING, 3),
                AttemptOutcome.ofFailure(new java.net.http.HttpTimeoutException("request timed out")), SCHEDULE, now);

        assertEquals(new DeliveryDecision(DeliveryState.RETRYING, now.plusSeconds(20)), decision);
    }

    @Test
    void retryAfterOfTheReceiverPushesTheNextAttempt() {
        Instant now = CREATED.plusSeconds(1);

        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.PENDING, 0),
                AttemptOutcome.ofStatus(429, Duration.ofMinutes(2)), SCHEDULE, now);

        assertEquals(now.plus(Duration.ofMinutes(2)), decision.nextAttemptAt());
    }

    @Test
    void failedAtTheDeadlineGivesUp() {
        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.RETRYING, 40), AttemptOutcome.ofStatus(502, null),
                SCHEDULE, CREATED.plus(Duration.ofHours(24)));

        assertEquals(new DeliveryDecision(DeliveryState.GAVE_UP, null), decision);
        assertTrue(DeliveryState.RETRYING.canMoveTo(decision.next()));
    }

    @Test
    void goneGivesUpAtOnceEvenOnTheFirstAttempt() {
        DeliveryDecision decision = DeliveryDecision.after(delivery(DeliveryState.PENDING, 0), AttemptOutcome.ofStatus(410, null),
                SCHEDULE, CREATED);

        assertEquals(new DeliveryDecision(DeliveryState.GAVE_UP, null), decision);
    }

    @Test
    void anOpenStateNeedsANextTimeAndAFinalOneHasNone() {
        assertThrows(IllegalArgumentException.class, () -> new DeliveryDecision(DeliveryState.RETRYING, null));
        assertThrows(IllegalArgumentException.class, () -> new DeliveryDecision(DeliveryState.DELIVERED, CREATED));
    }

    private static WebhookDelivery delivery(DeliveryState state, int attemptsSoFar) {
        List<WebhookDelivery.DeliveryAttempt> attempts = Collections.nCopies(attemptsSoFar,
                new WebhookDelivery.DeliveryAttempt(CREATED, "500", false));
        return new WebhookDelivery("msg_decided", "acme", WebhookEventsTest.ERID, "enrichment_request.completed",
                "https://hooks.example.com/des", "{}", CREATED, state, CREATED, attempts);
    }
}
