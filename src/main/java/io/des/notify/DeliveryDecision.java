package io.des.notify;

import io.des.registry.DeliveryState;
import io.des.registry.WebhookDelivery;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a delivery goes after an attempt, decided in this one place from the attempt's verdict
 * and the retry schedule; {@link DeliveryState#canMoveTo} says whether the move is allowed.
 *
 * <pre>
 * DELIVERED verdict (2xx)            ──► DELIVERED
 * GONE verdict (410)                 ──► GAVE_UP at once
 * RETRY verdict, before the deadline ──► RETRYING at the schedule's next time
 * RETRY verdict, at/after deadline   ──► GAVE_UP
 * </pre>
 *
 * @param next the state to record
 * @param nextAttemptAt when to try again (RETRYING), else null: a finished delivery has no next attempt
 */
public record DeliveryDecision(DeliveryState next, Instant nextAttemptAt) {

    public DeliveryDecision {
        Objects.requireNonNull(next, "next");
        if (next.isOpen() != (nextAttemptAt != null)) {
            throw new IllegalArgumentException(next + " with nextAttemptAt " + nextAttemptAt);
        }
    }

    /**
     * @param delivery the delivery as it was before this attempt
     * @param outcome this attempt's outcome
     * @param now when this attempt ended
     */
    public static DeliveryDecision after(WebhookDelivery delivery, AttemptOutcome outcome, RetrySchedule schedule, Instant now) {
        return switch (outcome.verdict()) {
            case DELIVERED -> new DeliveryDecision(DeliveryState.DELIVERED, null);
            case GONE -> new DeliveryDecision(DeliveryState.GAVE_UP, null);
            case RETRY -> schedule.nextAttempt(delivery.createdAt(), delivery.attempts().size() + 1, now, outcome.retryAfter())
                    .map(at -> new DeliveryDecision(DeliveryState.RETRYING, at))
                    .orElseGet(() -> new DeliveryDecision(DeliveryState.GAVE_UP, null));
        };
    }
}
