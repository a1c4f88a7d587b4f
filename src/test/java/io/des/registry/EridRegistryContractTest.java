package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.FieldCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** An ERID's contract, progress and lifecycle, as every store must keep them. */
abstract class EridRegistryContractTest extends RegistryContract {

    private static final Map<String, FieldCounts> COUNTS = Map.of(
            "professional_email", new FieldCounts(3, 1, 0, 4), "phone_number", new FieldCounts(0, 2, 2, 4));

    @Test
    void firstPostWinsAndALaterPostIsComparedWithIt() {
        EridContract first = contract(ACME, erid(1), 4, T0);
        EridContract later = new EridContract(ACME, erid(1), 5, List.of("job_title"), first.requestDate(),
                T0.plusSeconds(60), null, null);

        Registration created = registry.register(first);
        Registration found = registry.register(later);

        assertTrue(created.created());
        assertFalse(found.created());
        assertEquals(first, found.entry().contract());
        assertEquals(created.entry(), found.entry());
        assertEquals(List.of("number_of_records 5 ≠ 4", "fields_to_be_enriched [job_title] ≠ [professional_email, phone_number]"),
                found.entry().contract().contradictions(later));
    }

    @Test
    void aNewEntryIsReceivingWithNothingCommittedAndItsClockAtCreation() {
        EridEntry entry = registry.register(contract(ACME, erid(1))).entry();

        assertEquals(new EridEntry(contract(ACME, erid(1)), EridLifecycle.RECEIVING, 0, 0, T0, null, null, Map.of()), entry);
        assertEquals(Optional.of(entry), registry.get(ACME, erid(1)));
    }

    @Test
    void aContractWithoutCallbackOrMetadataRoundTrips() {
        EridContract bare = new EridContract(ACME, erid(1), 1, List.of(), LocalDate.of(2026, 11, 30), T0, null, null);
        registry.register(bare);

        assertEquals(bare, registry.get(ACME, erid(1)).orElseThrow().contract());
    }

    @Test
    void concurrentFirstPostsOfOneEridCreateExactlyOneEntry() throws Exception {
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Registration>> posts = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            EridContract proposed = contract(ACME, erid(1), 100 + i, T0.plusMillis(i));
            posts.add(() -> {
                try (EridRegistry own = open()) { // its own connection or client, as the API and the job have
                    start.await();
                    return own.register(proposed);
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Registration>> results = posts.stream().map(pool::submit).toList();
            start.countDown();
            List<Registration> registrations = new ArrayList<>();
            for (Future<Registration> result : results) {
                registrations.add(result.get());
            }
            assertEquals(1, registrations.stream().filter(Registration::created).count());
            EridEntry winner = registry.get(ACME, erid(1)).orElseThrow();
            registrations.forEach(registration -> assertEquals(winner, registration.entry()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherTenantsEridIsAnotherEntryAndInvisible() {
        registry.register(contract(ACME, erid(1), 4, T0));

        assertEquals(Optional.empty(), registry.get(GLOBEX, erid(1)));
        Registration globex = registry.register(contract(GLOBEX, erid(1), 500, T0));
        assertTrue(globex.created());
        assertEquals(4, registry.get(ACME, erid(1)).orElseThrow().contract().numberOfRecords());
        assertEquals(500, registry.get(GLOBEX, erid(1)).orElseThrow().contract().numberOfRecords());
    }

    @Test
    void committedCountNeverGoesBackwards() {
        registry.register(contract(ACME, erid(1), 10, T0));

        registry.recordCommitted(ACME, erid(1), 6);
        registry.recordCommitted(ACME, erid(1), 3); // a replay after recovery
        assertEquals(6, registry.get(ACME, erid(1)).orElseThrow().recordsCommitted());
        registry.recordCommitted(ACME, erid(1), 6);
        assertEquals(6, registry.get(ACME, erid(1)).orElseThrow().recordsCommitted());

        registry.recordCommitted(ACME, erid(1), 10);
        assertEquals(10, registry.get(ACME, erid(1)).orElseThrow().recordsCommitted());
    }

    @Test
    void receivedCountNeverGoesBackwardsAndLeavesTheCommittedCountAlone() {
        registry.register(contract(ACME, erid(1), 10, T0));

        registry.recordReceived(ACME, erid(1), 8);
        registry.recordReceived(ACME, erid(1), 5); // a restored job reporting from an earlier checkpoint
        registry.recordCommitted(ACME, erid(1), 2);

        EridEntry entry = registry.get(ACME, erid(1)).orElseThrow();
        assertEquals(8, entry.recordsReceived());
        assertEquals(2, entry.recordsCommitted());
        registry.recordReceived(ACME, erid(1), 10);
        assertEquals(10, registry.get(ACME, erid(1)).orElseThrow().recordsReceived());
    }

    @Test
    void completesOnceWithItsFieldCountsAndAReplayChangesNothing() {
        registry.register(contract(ACME, erid(1)));
        Instant done = T0.plus(Duration.ofMinutes(5));

        assertTrue(registry.markCompleted(ACME, erid(1), done, COUNTS));
        assertFalse(registry.markCompleted(ACME, erid(1), done.plusSeconds(1), Map.of()));

        EridEntry entry = registry.get(ACME, erid(1)).orElseThrow();
        assertEquals(EridLifecycle.COMPLETED, entry.lifecycle());
        assertEquals(done, entry.completedAt());
        assertNull(entry.expiredAt());
        assertEquals(COUNTS, entry.fieldCounts());
    }

    @Test
    void aCompletedEridCannotExpire() {
        registry.register(contract(ACME, erid(1)));
        registry.markCompleted(ACME, erid(1), T0.plusSeconds(1), COUNTS);

        assertFalse(registry.markExpired(ACME, erid(1), T0.plusSeconds(2)));
        EridEntry entry = registry.get(ACME, erid(1)).orElseThrow();
        assertEquals(EridLifecycle.COMPLETED, entry.lifecycle());
        assertNull(entry.expiredAt());
    }

    @Test
    void anExpiredEridCannotComplete() {
        registry.register(contract(ACME, erid(1)));

        assertTrue(registry.markExpired(ACME, erid(1), T0.plusSeconds(1)));
        assertFalse(registry.markExpired(ACME, erid(1), T0.plusSeconds(2)));
        assertFalse(registry.markCompleted(ACME, erid(1), T0.plusSeconds(3), COUNTS));

        EridEntry entry = registry.get(ACME, erid(1)).orElseThrow();
        assertEquals(EridLifecycle.EXPIRED, entry.lifecycle());
        assertEquals(T0.plusSeconds(1), entry.expiredAt());
        assertNull(entry.completedAt());
        assertEquals(Map.of(), entry.fieldCounts());
    }

    @Test
    void writesToAnUnknownEridCreateNothing() {
        registry.recordActivity(ACME, erid(9), T0);
        registry.recordCommitted(ACME, erid(9), 3);
        registry.recordReceived(ACME, erid(9), 3);

        assertFalse(registry.markCompleted(ACME, erid(9), T0, COUNTS));
        assertFalse(registry.markExpired(ACME, erid(9), T0));
        assertEquals(Optional.empty(), registry.get(ACME, erid(9)));
    }

    @Test
    void activityMovesTheExpiryClockForwardOnlyAndOnlyWhileReceiving() {
        registry.register(contract(ACME, erid(1)));

        registry.recordActivity(ACME, erid(1), T0.plusSeconds(30));
        registry.recordActivity(ACME, erid(1), T0.plusSeconds(10)); // a slower API thread, late
        assertEquals(T0.plusSeconds(30), registry.get(ACME, erid(1)).orElseThrow().lastRecordAt());

        registry.markCompleted(ACME, erid(1), T0.plusSeconds(40), COUNTS);
        registry.recordActivity(ACME, erid(1), T0.plusSeconds(50));
        assertEquals(T0.plusSeconds(30), registry.get(ACME, erid(1)).orElseThrow().lastRecordAt());
    }

    @Test
    void everythingSurvivesClosingAndOpeningAgain() throws Exception {
        registry.register(contract(ACME, erid(1), 10, T0));
        registry.recordCommitted(ACME, erid(1), 7);
        registry.recordReceived(ACME, erid(1), 9);
        registry.recordActivity(ACME, erid(1), T0.plusSeconds(5));
        registry.register(contract(ACME, erid(2)));
        registry.markCompleted(ACME, erid(2), T0.plusSeconds(9), COUNTS);
        EridEntry receiving = registry.get(ACME, erid(1)).orElseThrow();
        EridEntry completed = registry.get(ACME, erid(2)).orElseThrow();

        reopen();

        assertEquals(Optional.of(receiving), registry.get(ACME, erid(1)));
        assertEquals(Optional.of(completed), registry.get(ACME, erid(2)));
        assertFalse(registry.register(contract(ACME, erid(1), 11, T0)).created());
    }
}
