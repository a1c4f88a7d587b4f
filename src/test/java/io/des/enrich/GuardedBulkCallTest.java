package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** A bulk call passes the provider's gate and circuit once, however many contacts it carries. */
class GuardedBulkCallTest {

    private static final List<String> FIELDS = List.of("professional_email");

    private final AtomicLong now = new AtomicLong();
    private final ManuallyTriggeredScheduledExecutorService scheduler = new ManuallyTriggeredScheduledExecutorService();
    private final List<CompletableFuture<List<LookupResult>>> sent = new ArrayList<>();

    @Test
    void aBulkCallTakesOneInFlightSlotAndTheNextWaitsForIt() {
        GuardedProvider guarded = guarded(new CircuitBreaker(10, 1_000_000_000L, now::get));
        List<BulkLookup> three = List.of(lookup(1), lookup(2), lookup(3));

        CompletableFuture<List<LookupResult>> first = guarded.lookupAll(three, this::send);
        CompletableFuture<List<LookupResult>> second = guarded.lookupAll(List.of(lookup(4)), this::send);

        assertEquals(1, sent.size(), "three contacts in one call use the only slot; the next call waits");
        sent.get(0).complete(List.of(LookupResult.noneFound(), LookupResult.noneFound(), LookupResult.noneFound()));
        assertEquals(3, first.join().size());
        assertEquals(2, sent.size(), "the slot is free again after one call, not three");
        assertFalse(second.isDone());
    }

    @Test
    void anOpenCircuitFailsEveryContactOfTheCallWithoutSendingIt() {
        CircuitBreaker breaker = new CircuitBreaker(1, 1_000_000_000L, now::get);
        breaker.onFailure();
        GuardedProvider guarded = guarded(breaker);

        List<LookupResult> results = guarded.lookupAll(List.of(lookup(1), lookup(2)), this::send).join();

        assertTrue(sent.isEmpty());
        assertEquals(2, results.size());
        results.forEach(result -> assertFalse(result.failure().orElseThrow().retryable(), result::toString));
    }

    private GuardedProvider guarded(CircuitBreaker breaker) {
        RequestGate gate = new RequestGate(1, 0, scheduler, now::get);
        ProviderMetrics metrics = new ProviderMetrics(new ProviderContext(1, new UnregisteredMetricsGroup()), "bulky", () -> 0);
        Provider unused = new Provider() {
            @Override public String name() {
                return "bulky";
            }

            @Override public CompletableFuture<LookupResult> lookup(io.des.model.ContactRecord record, List<String> f) {
                throw new AssertionError("bulk mode never makes single calls");
            }

            @Override public void close() { }
        };
        return new GuardedProvider(unused, breaker, gate, metrics, Duration.ofSeconds(60), now::get);
    }

    private CompletableFuture<List<LookupResult>> send(List<BulkLookup> lookups) {
        CompletableFuture<List<LookupResult>> call = new CompletableFuture<>();
        sent.add(call);
        return call;
    }

    private static BulkLookup lookup(int index) {
        return new BulkLookup(TestContacts.person(index, FIELDS), FIELDS);
    }
}
