package io.des.notify;

import io.des.registry.DeliveryOutbox;
import io.des.registry.DeliveryState;
import io.des.registry.WebhookDelivery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** The outbox's contract in memory, strict about it: test code only (the stores live in the registry). */
final class InMemoryDeliveryOutbox implements DeliveryOutbox {

    private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();
    /** The threads the dispatcher called from, to check it keeps off the caller's. */
    final List<String> callingThreads = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void enqueue(WebhookDelivery delivery) {
        deliveries.putIfAbsent(delivery.eventId(), delivery);
    }

    @Override
    public synchronized List<WebhookDelivery> due(Instant now, int limit) {
        callingThreads.add(Thread.currentThread().getName());
        return deliveries.values().stream()
                .filter(delivery -> delivery.state().isOpen() && !delivery.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean recordAttempt(String eventId, WebhookDelivery.DeliveryAttempt attempt, DeliveryState next,
            Instant nextAttemptAt) {
        callingThreads.add(Thread.currentThread().getName());
        WebhookDelivery current = Objects.requireNonNull(deliveries.get(eventId), eventId);
        if (!current.state().isOpen()) {
            return false;
        }
        if (!current.state().canMoveTo(next)) {
            throw new IllegalStateException(current.state() + " → " + next);
        }
        if (next.isOpen()) {
            Objects.requireNonNull(nextAttemptAt, "nextAttemptAt is required while the delivery stays open");
        }
        List<WebhookDelivery.DeliveryAttempt> attempts = new ArrayList<>(current.attempts());
        attempts.add(attempt);
        deliveries.put(eventId, new WebhookDelivery(eventId, current.tenant(), current.erid(), current.type(), current.url(),
                current.payloadJson(), current.createdAt(), next, next.isOpen() ? nextAttemptAt : current.nextAttemptAt(),
                attempts));
        return true;
    }

    @Override
    public synchronized List<WebhookDelivery> forErid(String tenant, String erid) {
        return deliveries.values().stream().filter(d -> d.tenant().equals(tenant) && d.erid().equals(erid)).toList();
    }

    synchronized WebhookDelivery get(String eventId) {
        return deliveries.get(eventId);
    }
}
