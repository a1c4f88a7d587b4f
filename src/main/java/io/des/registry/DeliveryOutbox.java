package io.des.registry;

import java.time.Instant;
import java.util.List;

/**
 * Webhook deliveries waiting or done, durable in the registry's store so that a delivery enqueued
 * before a crash is still made after it.
 */
public interface DeliveryOutbox {

    /** Stores a PENDING delivery unless one with the same {@code eventId} exists (then nothing changes). */
    void enqueue(WebhookDelivery delivery);

    /** Open deliveries (PENDING, RETRYING) whose {@code nextAttemptAt} is not after {@code now}, earliest first. */
    List<WebhookDelivery> due(Instant now, int limit);

    /**
     * Appends {@code attempt} and moves the delivery to {@code next} (one of {@link
     * DeliveryState#canMoveTo}), to be tried again at {@code nextAttemptAt} when still open.
     *
     * @return false when the delivery was not open any more (another dispatcher finished it)
     */
    boolean recordAttempt(String eventId, WebhookDelivery.DeliveryAttempt attempt, DeliveryState next, Instant nextAttemptAt);

    /** The deliveries of one ERID, for its history entry. */
    List<WebhookDelivery> forErid(String tenant, String erid);
}
