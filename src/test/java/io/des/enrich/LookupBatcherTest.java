package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The batcher groups lookups into bulk calls and hands each contact its own answer; timers are triggered by hand. */
class LookupBatcherTest {

    private static final List<String> FIELDS = List.of("professional_email");

    private final ManuallyTriggeredScheduledExecutorService scheduler = new ManuallyTriggeredScheduledExecutorService();
    private final List<List<BulkLookup>> sent = new ArrayList<>();
    private final List<CompletableFuture<List<LookupResult>>> calls = new ArrayList<>();

    private LookupBatcher batcher(int size) {
        return new LookupBatcher("bulky", size, Duration.ofMillis(50), scheduler, lookups -> {
            sent.add(lookups);
            CompletableFuture<List<LookupResult>> call = new CompletableFuture<>();
            calls.add(call);
            return call;
        }, () -> { });
    }

    private static LookupResult emailOf(BulkLookup lookup) {
        return LookupResult.found(Map.of("professional_email", lookup.record().contact.get("first_name") + "@x"));
    }

    @Test
    void aFullBatchIsSentAtOnceAsOneCall() {
        LookupBatcher batcher = batcher(3);
        List<CompletableFuture<LookupResult>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(batcher.lookup(TestContacts.person(i, FIELDS), FIELDS));
        }

        assertEquals(1, sent.size(), "one call for three contacts");
        assertEquals(3, sent.get(0).size());
        calls.get(0).complete(sent.get(0).stream().map(LookupBatcherTest::emailOf).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals("Person" + i + "@x", results.get(i).join().values().get("professional_email"),
                    "each contact gets its own answer");
        }
        scheduler.triggerNonPeriodicScheduledTasks();
        assertEquals(1, sent.size(), "the timer of a batch sent full sends nothing more");
    }

    @Test
    void aPartialBatchWaitsForItsTimerAndIsThenSent() {
        LookupBatcher batcher = batcher(25);
        CompletableFuture<LookupResult> first = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        CompletableFuture<LookupResult> second = batcher.lookup(TestContacts.person(2, FIELDS), FIELDS);

        assertTrue(sent.isEmpty(), "not sent before max-wait");
        assertEquals(1, scheduler.getAllNonPeriodicScheduledTask().size(), "one timer per batch, not per lookup");
        scheduler.triggerNonPeriodicScheduledTasks();

        assertEquals(1, sent.size());
        assertEquals(2, sent.get(0).size());
        calls.get(0).complete(List.of(LookupResult.noneFound(), emailOf(sent.get(0).get(1))));
        assertTrue(first.join().values().isEmpty(), "not found for the first contact");
        assertEquals("Person2@x", second.join().values().get("professional_email"));

        batcher.lookup(TestContacts.person(3, FIELDS), FIELDS);
        assertEquals(1, batcher.waitingLookups(), "a lookup after the flush opens a new batch");
    }

    @Test
    void aFailedCallFailsEveryContactOfTheBatchWithTheSameRetryableFailure() {
        LookupBatcher batcher = batcher(2);
        CompletableFuture<LookupResult> first = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        CompletableFuture<LookupResult> second = batcher.lookup(TestContacts.person(2, FIELDS), FIELDS);
        LookupFailure unavailable = FailureClassifier.fromHttpStatus(503, null, true);

        calls.get(0).complete(List.of(LookupResult.failed(unavailable), LookupResult.failed(unavailable)));

        assertTrue(first.join().failure().orElseThrow().retryable());
        assertEquals(first.join().failure(), second.join().failure());
    }

    @Test
    void aCallThatThrowsFailsEveryContactInsteadOfLosingThem() {
        LookupBatcher batcher = batcher(2);
        CompletableFuture<LookupResult> first = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        CompletableFuture<LookupResult> second = batcher.lookup(TestContacts.person(2, FIELDS), FIELDS);

        calls.get(0).completeExceptionally(new java.net.ConnectException("refused"));

        assertTrue(first.join().isFailure());
        assertTrue(second.join().isFailure());
        assertTrue(second.join().failure().orElseThrow().retryable(), "a connection error may succeed later");
    }

    @Test
    void aLookupCancelledWhileQueuedLeavesTheBatch() {
        LookupBatcher batcher = batcher(3);
        CompletableFuture<LookupResult> cancelled = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        batcher.lookup(TestContacts.person(2, FIELDS), FIELDS);
        cancelled.cancel(false);
        assertEquals(1, batcher.waitingLookups());

        batcher.lookup(TestContacts.person(3, FIELDS), FIELDS);
        assertTrue(sent.isEmpty(), "the cancelled lookup no longer counts towards a full batch");
        scheduler.triggerNonPeriodicScheduledTasks();

        assertEquals(1, sent.size());
        assertEquals(List.of("Person2", "Person3"),
                sent.get(0).stream().map(lookup -> lookup.record().contact.get("first_name")).toList());
    }

    @Test
    void aBatchWhoseLookupsAreAllCancelledIsNeverSent() {
        LookupBatcher batcher = batcher(3);
        CompletableFuture<LookupResult> only = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        only.cancel(false);

        scheduler.triggerNonPeriodicScheduledTasks();

        assertTrue(sent.isEmpty());
        assertEquals(0, batcher.waitingLookups());
    }

    @Test
    void cancellingEveryContactOfASentBatchCancelsTheCall() {
        LookupBatcher batcher = batcher(2);
        CompletableFuture<LookupResult> first = batcher.lookup(TestContacts.person(1, FIELDS), FIELDS);
        CompletableFuture<LookupResult> second = batcher.lookup(TestContacts.person(2, FIELDS), FIELDS);

        first.cancel(false);
        assertFalse(calls.get(0).isCancelled(), "another contact still waits for the answer");
        second.cancel(false);

        assertTrue(calls.get(0).isCancelled(), "withdrawn, e.g. from the gate's queue");
    }
}
