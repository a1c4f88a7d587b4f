package io.des.registry;

import java.time.Instant;
import java.util.Objects;

/** The arguments both outbox stores accept, checked once so the stores cannot differ. */
final class DeliveryRules {

    private DeliveryRules() {}

    /**
     * A delivery enqueued is a new event: PENDING, never attempted. It is due at its {@code
     * nextAttemptAt}, or at once ({@code createdAt}) when that is left out.
     */
    static Instant firstAttemptAt(WebhookDelivery delivery) {
        if (delivery.state() != DeliveryState.PENDING || !delivery.attempts().isEmpty()) {
            throw new IllegalArgumentException("enqueue takes a new PENDING delivery without attempts, got "
                    + delivery.state() + " with " + delivery.attempts().size() + " attempts");
        }
        Objects.requireNonNull(delivery.tenant(), "tenant");
        Objects.requireNonNull(delivery.erid(), "erid");
        Objects.requireNonNull(delivery.type(), "type");
        Objects.requireNonNull(delivery.url(), "url");
        Objects.requireNonNull(delivery.payloadJson(), "payloadJson");
        Objects.requireNonNull(delivery.createdAt(), "createdAt");
        return delivery.nextAttemptAt() != null ? delivery.nextAttemptAt() : delivery.createdAt();
    }

    /** When a delivery moving to {@code next} is due again: at {@code nextAttemptAt} if still open, never if finished. */
    static Instant nextAttemptAt(DeliveryState next, Instant nextAttemptAt) {
        Objects.requireNonNull(next, "next");
        if (!next.isOpen()) {
            return null;
        }
        return Objects.requireNonNull(nextAttemptAt, "nextAttemptAt is required while the delivery stays open");
    }
}
