package io.des.registry;

import io.des.model.FieldCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test double of the registry, for handler unit tests; the real stores pass the contract suite. */
public final class InMemoryEridRegistry implements EridRegistry, DeliveryOutbox {

    private final Map<String, EridEntry> entries = new LinkedHashMap<>();
    private final Map<String, WebhookDelivery> deliveries = new LinkedHashMap<>();

    private static String key(String tenant, String erid) {
        return tenant + "/" + erid;
    }

    @Override
    public synchronized Registration register(EridContract proposed) {
        EridEntry existing = entries.get(key(proposed.tenant(), proposed.erid()));
        if (existing != null) {
            return new Registration(existing, false);
        }
        EridEntry created = new EridEntry(proposed, EridLifecycle.RECEIVING, 0, 0, proposed.createdAt(), null, null, Map.of());
        entries.put(key(proposed.tenant(), proposed.erid()), created);
        return new Registration(created, true);
    }

    @Override
    public synchronized Optional<EridEntry> get(String tenant, String erid) {
        return Optional.ofNullable(entries.get(key(tenant, erid)));
    }

    @Override
    public synchronized void recordActivity(String tenant, String erid, Instant at) {
        update(tenant, erid, e -> e.lifecycle() == EridLifecycle.RECEIVING
                ? new EridEntry(e.contract(), e.lifecycle(), e.recordsCommitted(), e.recordsReceived(), at, null, null, e.fieldCounts()) : e);
    }

    @Override
    public synchronized void recordCommitted(String tenant, String erid, long committed) {
        update(tenant, erid, e -> committed > e.recordsCommitted()
                ? new EridEntry(e.contract(), e.lifecycle(), committed, e.recordsReceived(), e.lastRecordAt(), e.completedAt(),
                        e.expiredAt(), e.fieldCounts()) : e);
    }

    @Override
    public synchronized void recordReceived(String tenant, String erid, long received) {
        update(tenant, erid, e -> received > e.recordsReceived()
                ? new EridEntry(e.contract(), e.lifecycle(), e.recordsCommitted(), received, e.lastRecordAt(), e.completedAt(),
                        e.expiredAt(), e.fieldCounts()) : e);
    }

    @Override
    public synchronized boolean markCompleted(String tenant, String erid, Instant at, Map<String, FieldCounts> counts) {
        EridEntry e = entries.get(key(tenant, erid));
        if (e == null || !e.lifecycle().canMoveTo(EridLifecycle.COMPLETED)) {
            return false;
        }
        entries.put(key(tenant, erid), new EridEntry(e.contract(), EridLifecycle.COMPLETED, e.recordsCommitted(),
                e.recordsReceived(), e.lastRecordAt(), at, null, counts));
        return true;
    }

    @Override
    public synchronized boolean markExpired(String tenant, String erid, Instant at) {
        EridEntry e = entries.get(key(tenant, erid));
        if (e == null || !e.lifecycle().canMoveTo(EridLifecycle.EXPIRED)) {
            return false;
        }
        entries.put(key(tenant, erid), new EridEntry(e.contract(), EridLifecycle.EXPIRED, e.recordsCommitted(),
                e.recordsReceived(), e.lastRecordAt(), null, at, e.fieldCounts()));
        return true;
    }

    @Override
    public synchronized List<EridEntry> idleSince(Instant cutoff, int limit) {
        return entries.values().stream().filter(e -> e.lifecycle() == EridLifecycle.RECEIVING && e.lastRecordAt().isBefore(cutoff))
                .sorted(Comparator.comparing(EridEntry::lastRecordAt)).limit(limit).toList();
    }

    @Override
    public synchronized List<EridEntry> list(String tenant, Optional<EridLifecycle> lifecycle, LocalDate from, LocalDate to,
            int page, int pageSize) {
        return entries.values().stream()
                .filter(e -> e.contract().tenant().equals(tenant))
                .filter(e -> lifecycle.map(l -> l == e.lifecycle()).orElse(true))
                .filter(e -> {
                    LocalDate created = LocalDate.ofInstant(e.contract().createdAt(), ZoneOffset.UTC);
                    return !created.isBefore(from) && !created.isAfter(to);
                })
                .sorted(Comparator.comparing((EridEntry e) -> e.contract().createdAt()).reversed())
                .skip((long) (page - 1) * pageSize).limit(pageSize).toList();
    }

    @Override
    public DeliveryOutbox outbox() {
        return this;
    }

    @Override
    public synchronized void enqueue(WebhookDelivery delivery) {
        deliveries.putIfAbsent(delivery.eventId(), delivery);
    }

    @Override
    public synchronized List<WebhookDelivery> due(Instant now, int limit) {
        return deliveries.values().stream().filter(d -> d.state().isOpen() && !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(WebhookDelivery::nextAttemptAt)).limit(limit).toList();
    }

    @Override
    public synchronized boolean recordAttempt(String eventId, WebhookDelivery.DeliveryAttempt attempt, DeliveryState next,
            Instant nextAttemptAt) {
        WebhookDelivery d = deliveries.get(eventId);
        if (d == null || !d.state().canMoveTo(next)) {
            return false;
        }
        List<WebhookDelivery.DeliveryAttempt> attempts = new ArrayList<>(d.attempts());
        attempts.add(attempt);
        deliveries.put(eventId, new WebhookDelivery(d.eventId(), d.tenant(), d.erid(), d.type(), d.url(), d.payloadJson(),
                d.createdAt(), next, nextAttemptAt, attempts));
        return true;
    }

    @Override
    public synchronized List<WebhookDelivery> forErid(String tenant, String erid) {
        return deliveries.values().stream().filter(d -> d.tenant().equals(tenant) && d.erid().equals(erid)).toList();
    }

    @Override
    public void close() {}

    private void update(String tenant, String erid, java.util.function.UnaryOperator<EridEntry> change) {
        EridEntry e = entries.get(key(tenant, erid));
        if (e != null) {
            entries.put(key(tenant, erid), change.apply(e));
        }
    }
}
