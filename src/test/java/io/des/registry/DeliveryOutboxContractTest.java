package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.registry.WebhookDelivery.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The webhook outbox, as every store must keep it. */
abstract class DeliveryOutboxContractTest extends RegistryContract {

    private static final String COMPLETED = "enrichment_request.completed";

    @Test
    void aDeliveryIsStoredOnceWhateverTheNumberOfEnqueues() {
        WebhookDelivery first = pending("evt-1", ACME, erid(1), T0);
        registry.outbox().enqueue(first);
        registry.outbox().enqueue(new WebhookDelivery("evt-1", ACME, erid(1), COMPLETED, "https://other.example.com",
                "{\"changed\":true}", T0.plusSeconds(5), DeliveryState.PENDING, T0.plusSeconds(5), List.of()));

        assertEquals(List.of(first), registry.outbox().forErid(ACME, erid(1)));
    }

    @Test
    void dueListsOpenDeliveriesEarliestFirstOnceTheirTimeHasCome() {
        registry.outbox().enqueue(pending("evt-late", ACME, erid(1), T0.plusSeconds(30)));
        registry.outbox().enqueue(pending("evt-early", ACME, erid(2), T0.plusSeconds(10)));
        registry.outbox().enqueue(pending("evt-middle", GLOBEX, erid(1), T0.plusSeconds(20)));

        assertEquals(List.of(), registry.outbox().due(T0.plusSeconds(9), 10));
        assertEquals(List.of("evt-early"), eventIds(registry.outbox().due(T0.plusSeconds(10), 10)));
        assertEquals(List.of("evt-early", "evt-middle", "evt-late"), eventIds(registry.outbox().due(T0.plusSeconds(60), 10)));
        assertEquals(List.of("evt-early", "evt-middle"), eventIds(registry.outbox().due(T0.plusSeconds(60), 2)));
    }

    @Test
    void aRetryIsDueAtItsNextAttemptNotBefore() {
        registry.outbox().enqueue(pending("evt-1", ACME, erid(1), T0));
        Instant retryAt = T0.plus(Duration.ofMinutes(5));

        assertTrue(registry.outbox().recordAttempt("evt-1", new DeliveryAttempt(T0, "503", false), DeliveryState.RETRYING, retryAt));

        assertEquals(List.of(), registry.outbox().due(retryAt.minusNanos(1), 10));
        WebhookDelivery due = registry.outbox().due(retryAt, 10).get(0);
        assertEquals(DeliveryState.RETRYING, due.state());
        assertEquals(retryAt, due.nextAttemptAt());
    }

    @Test
    void attemptsAreAppendedInOrder() {
        registry.outbox().enqueue(pending("evt-1", ACME, erid(1), T0));
        List<DeliveryAttempt> attempts = List.of(new DeliveryAttempt(T0, "timeout", false),
                new DeliveryAttempt(T0.plusSeconds(60), "connection refused", false),
                new DeliveryAttempt(T0.plusSeconds(300), "204", true));

        registry.outbox().recordAttempt("evt-1", attempts.get(0), DeliveryState.RETRYING, T0.plusSeconds(60));
        registry.outbox().recordAttempt("evt-1", attempts.get(1), DeliveryState.RETRYING, T0.plusSeconds(300));
        registry.outbox().recordAttempt("evt-1", attempts.get(2), DeliveryState.DELIVERED, null);

        WebhookDelivery delivered = registry.outbox().forErid(ACME, erid(1)).get(0);
        assertEquals(attempts, delivered.attempts());
        assertEquals(DeliveryState.DELIVERED, delivered.state());
        assertNull(delivered.nextAttemptAt());
    }

    @Test
    void aFinishedDeliveryRefusesFurtherAttemptsAndIsNeverDue() {
        registry.outbox().enqueue(pending("evt-ok", ACME, erid(1), T0));
        registry.outbox().enqueue(pending("evt-gone", ACME, erid(2), T0));
        DeliveryAttempt late = new DeliveryAttempt(T0.plusSeconds(2), "200", true);

        assertTrue(registry.outbox().recordAttempt("evt-ok", new DeliveryAttempt(T0, "200", true), DeliveryState.DELIVERED, null));
        assertTrue(registry.outbox().recordAttempt("evt-gone", new DeliveryAttempt(T0, "410", false), DeliveryState.GAVE_UP, null));

        assertFalse(registry.outbox().recordAttempt("evt-ok", late, DeliveryState.DELIVERED, null));
        assertFalse(registry.outbox().recordAttempt("evt-gone", late, DeliveryState.RETRYING, T0.plusSeconds(60)));
        assertEquals(List.of(), registry.outbox().due(T0.plus(Duration.ofDays(1)), 10));
        assertEquals(1, registry.outbox().forErid(ACME, erid(1)).get(0).attempts().size());
        assertEquals(DeliveryState.GAVE_UP, registry.outbox().forErid(ACME, erid(2)).get(0).state());
    }

    @Test
    void twoDispatchersFinishingOneDeliveryCannotBothWin() throws Exception {
        registry.outbox().enqueue(pending("evt-1", ACME, erid(1), T0));
        int dispatchers = 6;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> finishes = new ArrayList<>();
        for (int i = 0; i < dispatchers; i++) {
            DeliveryAttempt attempt = new DeliveryAttempt(T0.plusMillis(i), "200", true);
            finishes.add(() -> {
                try (EridRegistry own = open()) {
                    start.await();
                    return own.outbox().recordAttempt("evt-1", attempt, DeliveryState.DELIVERED, null);
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(dispatchers);
        try {
            List<Future<Boolean>> results = finishes.stream().map(pool::submit).toList();
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
            assertEquals(1, registry.outbox().forErid(ACME, erid(1)).get(0).attempts().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnknownDeliveryRecordsNothing() {
        assertFalse(registry.outbox().recordAttempt("evt-none", new DeliveryAttempt(T0, "200", true), DeliveryState.DELIVERED, null));
        assertEquals(List.of(), registry.outbox().due(T0.plusSeconds(60), 10));
    }

    @Test
    void refusesTransitionsTheStateMachineDoesNotHave() {
        registry.outbox().enqueue(pending("evt-1", ACME, erid(1), T0));
        DeliveryAttempt attempt = new DeliveryAttempt(T0, "500", false);

        assertThrows(IllegalArgumentException.class,
                () -> registry.outbox().recordAttempt("evt-1", attempt, DeliveryState.PENDING, T0.plusSeconds(60)));
        assertThrows(NullPointerException.class,
                () -> registry.outbox().recordAttempt("evt-1", attempt, DeliveryState.RETRYING, null));
        assertEquals(List.of(), registry.outbox().forErid(ACME, erid(1)).get(0).attempts());
    }

    @Test
    void forEridListsOnlyThatTenantsEridOldestFirst() {
        registry.outbox().enqueue(pending("evt-expired", ACME, erid(1), T0));
        registry.outbox().enqueue(pending("evt-completed", ACME, erid(1), T0.plusSeconds(5)));
        registry.outbox().enqueue(pending("evt-globex", GLOBEX, erid(1), T0));
        registry.outbox().enqueue(pending("evt-other", ACME, erid(2), T0));

        assertEquals(List.of("evt-expired", "evt-completed"), eventIds(registry.outbox().forErid(ACME, erid(1))));
        assertEquals(List.of("evt-globex"), eventIds(registry.outbox().forErid(GLOBEX, erid(1))));
        assertEquals(List.of(), registry.outbox().forErid(GLOBEX, erid(2)));
    }

    @Test
    void deliveriesSurviveClosingAndOpeningAgain() throws Exception {
        registry.outbox().enqueue(pending("evt-1", ACME, erid(1), T0));
        registry.outbox().recordAttempt("evt-1", new DeliveryAttempt(T0, "timeout", false), DeliveryState.RETRYING, T0.plusSeconds(60));
        List<WebhookDelivery> before = registry.outbox().forErid(ACME, erid(1));

        reopen();

        assertEquals(before, registry.outbox().forErid(ACME, erid(1)));
        assertEquals(before, registry.outbox().due(T0.plusSeconds(60), 10));
    }

    static WebhookDelivery pending(String eventId, String tenant, String erid, Instant dueAt) {
        return new WebhookDelivery(eventId, tenant, erid, COMPLETED, "https://hooks.example.com/des",
                "{\"type\":\"" + COMPLETED + "\",\"erid\":\"" + erid + "\"}", dueAt, DeliveryState.PENDING, dueAt, List.of());
    }

    private static List<String> eventIds(List<WebhookDelivery> deliveries) {
        return deliveries.stream().map(WebhookDelivery::eventId).toList();
    }
}
