package io.des.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One webhook event to deliver, and how its delivery went.
 *
 * @param eventId the {@code webhook-id}: stable across every attempt (receivers dedupe on it);
 *     deterministic per (tenant, erid, type), so a replayed enqueue is the same event
 * @param tenant the ERID's tenant
 * @param erid the ERID
 * @param type {@code enrichment_request.completed} or {@code enrichment_request.expired}
 * @param url the callback URL, validated when the contract was registered
 * @param payloadJson the exact body sent on every attempt (what the signature covers)
 * @param createdAt when the event was enqueued (the retry deadline runs from here)
 * @param state where the delivery stands
 * @param nextAttemptAt when to try next (for PENDING and RETRYING)
 * @param attempts every attempt so far, oldest first
 */
public record WebhookDelivery(String eventId, String tenant, String erid, String type, String url, String payloadJson,
        Instant createdAt, DeliveryState state, Instant nextAttemptAt, List<DeliveryAttempt> attempts) {

    public WebhookDelivery {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(state, "state");
        attempts = List.copyOf(attempts);
    }

    /**
     * One attempt.
     *
     * @param at when it was made
     * @param outcome the HTTP status, or a short reason such as {@code timeout} or {@code connection refused}
     * @param succeeded whether the receiver answered 2xx
     */
    public record DeliveryAttempt(Instant at, String outcome, boolean succeeded) {}
}
