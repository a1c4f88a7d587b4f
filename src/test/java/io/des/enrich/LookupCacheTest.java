package io.des.enrich;

import static io.des.enrich.TestContacts.adaAtAcme;
import static io.des.enrich.TestContacts.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.junit.jupiter.api.Test;

/** The cache on its own, with a hand-driven provider and clock. */
class LookupCacheTest {

    private static final List<String> FIELDS = List.of("professional_email");
    private static final LookupKey ADA = LookupKey.of("sandbox", adaAtAcme(0, FIELDS), FIELDS);
    private static final Duration TTL = Duration.ofHours(24);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
    private final ManualProvider provider = new ManualProvider();

    @Test
    void anAnsweredLookupIsServedFromTheCacheWithoutCallingTheProvider() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> first = cache.lookup(ADA, provider);
        provider.answer(0, found("ada@acme.com"));

        AttemptedLookup second = cache.lookup(ADA, provider).join();

        assertEquals(1, provider.calls());
        assertEquals(Map.of("professional_email", "ada@acme.com"), first.join().result().values());
        assertEquals(Map.of("professional_email", "ada@acme.com"), second.result().values());
        assertEquals(0, second.attempts(), "a cached answer pays for no attempt");
        assertEquals(1, counter("cacheHits").getCount());
        assertEquals(1, counter("cache_misses").getCount());
    }

    @Test
    void notFoundIsAnAnswerAndIsCachedToo() {
        LookupCache cache = cache(10);
        cache.lookup(ADA, provider);
        provider.answer(0, new AttemptedLookup(LookupResult.noneFound(), 1));

        AttemptedLookup again = cache.lookup(ADA, provider).join();

        assertEquals(1, provider.calls());
        assertFalse(again.result().isFailure());
        assertTrue(again.result().values().isEmpty());
    }

    @Test
    void aFailedLookupIsNotCachedSoTheNextCopyTriesAgain() {
        LookupCache cache = cache(10);
        cache.lookup(ADA, provider);
        provider.answer(0, new AttemptedLookup(LookupResult.failed(new LookupFailure("provider returned 503", true, null)), 4));

        cache.lookup(ADA, provider);

        assertEquals(2, provider.calls());
        assertEquals(0, cache.size());
    }

    @Test
    void aProviderCallThatBlowsUpGivesEveryCallerAFailedLookupAndIsNotCached() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> first = cache.lookup(ADA, provider);
        CompletableFuture<AttemptedLookup> joined = cache.lookup(ADA, provider);

        provider.call(0).completeExceptionally(new IllegalStateException("bug in a provider"));

        assertTrue(first.join().result().isFailure());
        assertTrue(joined.join().result().isFailure());
        assertEquals(0, cache.size());
    }

    @Test
    void anAnswerExpiresAfterTheTtl() {
        LookupCache cache = cache(10);
        cache.lookup(ADA, provider);
        provider.answer(0, found("ada@acme.com"));

        now.addAndGet(TTL.toMillis() - 1);
        cache.lookup(ADA, provider);
        assertEquals(1, provider.calls(), "still fresh one millisecond before the TTL");

        now.addAndGet(1);
        cache.lookup(ADA, provider);
        assertEquals(2, provider.calls(), "expired at the TTL");
    }

    @Test
    void theLeastRecentlyUsedAnswerIsEvictedBeyondTheBound() {
        LookupCache cache = cache(2);
        LookupKey bob = key(1);
        LookupKey carol = key(2);
        answer(cache, ADA);
        answer(cache, bob);
        cache.lookup(ADA, provider); // Ada is now more recently used than Bob

        answer(cache, carol);

        assertEquals(2, cache.size());
        int callsBefore = provider.calls();
        cache.lookup(ADA, provider);
        cache.lookup(carol, provider);
        assertEquals(callsBefore, provider.calls(), "Ada and Carol are still cached");
        cache.lookup(bob, provider);
        assertEquals(callsBefore + 1, provider.calls(), "Bob was the least recently used");
    }

    @Test
    void concurrentIdenticalLookupsShareOneProviderCall() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> fromFirstErid = cache.lookup(ADA, provider);
        CompletableFuture<AttemptedLookup> fromSecondErid = cache.lookup(ADA, provider);
        assertFalse(fromSecondErid.isDone(), "the second copy waits for the call in flight");

        provider.answer(0, found("ada@acme.com"));

        assertEquals(1, provider.calls());
        assertEquals(fromFirstErid.join().result().values(), fromSecondErid.join().result().values());
        assertEquals(1, counter("cacheHits").getCount(), "joining a call in flight is a hit");
    }

    @Test
    void onlyTheLookupThatStartedTheCallIsBilledForTheProvidersCalled() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> paying = cache.lookup(ADA, provider);
        CompletableFuture<AttemptedLookup> joined = cache.lookup(ADA, provider);

        provider.answer(0, new AttemptedLookup(LookupResult.perField(Map.of("professional_email", "ada@acme.com"),
                Map.of("professional_email", "acme"), Map.of(), Map.of(), Map.of("professional_email", List.of("acme"))), 1));

        assertEquals(Map.of("professional_email", List.of("acme")), paying.join().result().askedProviders());
        assertEquals(Map.of(), joined.join().result().askedProviders(), "it rode along on the other's call");
        assertEquals(paying.join().result().values(), joined.join().result().values());
        assertEquals(Map.of(), cache.lookup(ADA, provider).join().result().askedProviders(), "a stored answer called nobody");
    }

    @Test
    void aStoredAnswerKeepsEachValuesSourceAndQualityAcrossACheckpoint() {
        LookupCache cache = cache(10);
        Map<String, String> values = Map.of("professional_email", "ada@acme.com", "job_title", "CTO");
        Map<String, String> sources = Map.of("professional_email", "verifier", "job_title", "cheap");
        Map<String, ValueQuality> qualities = Map.of("professional_email", new ValueQuality(0.97, "valid"),
                "job_title", new ValueQuality(null, "unverified"));
        cache.lookup(ADA, provider);
        provider.answer(0, new AttemptedLookup(LookupResult.perField(values, sources, Map.of(), qualities,
                Map.of("professional_email", List.of("cheap", "verifier"), "job_title", List.of("cheap"))), 2));

        LookupResult hit = cache.lookup(ADA, provider).join().result();
        LookupCache restored = cache(10);
        restored.restore(cache.freshEntries());
        LookupResult afterRestore = restored.lookup(ADA, provider).join().result();

        assertEquals(1, provider.calls());
        for (LookupResult served : List.of(hit, afterRestore)) {
            assertEquals(values, served.values());
            assertEquals(sources, served.sources());
            assertEquals(qualities, served.qualities());
            assertEquals(Map.of(), served.askedProviders(), "a stored answer called nobody");
        }
    }

    @Test
    void anAnswerWithAFailedFieldIsNotStoredSoThatFieldIsAskedAgainNotServedAsNotFound() {
        LookupCache cache = cache(10);
        cache.lookup(ADA, provider);
        provider.answer(0, new AttemptedLookup(LookupResult.perField(Map.of("job_title", "CTO"), Map.of(),
                Map.of("professional_email", new LookupFailure("provider returned 503", true, null))), 1));

        cache.lookup(ADA, provider);

        assertEquals(2, provider.calls());
        assertEquals(0, cache.size());
    }

    @Test
    void oneCallerTimingOutDoesNotCancelTheCallTheOthersWaitFor() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> timedOut = cache.lookup(ADA, provider);
        CompletableFuture<AttemptedLookup> patient = cache.lookup(ADA, provider);

        timedOut.cancel(false);
        assertFalse(provider.call(0).isCancelled());
        provider.answer(0, found("ada@acme.com"));

        assertEquals(Map.of("professional_email", "ada@acme.com"), patient.join().result().values());
        assertEquals(1, cache.size());
    }

    @Test
    void whenEveryCallerGivesUpTheProviderCallIsCancelledAndTheNextCopyStartsAfresh() {
        LookupCache cache = cache(10);
        CompletableFuture<AttemptedLookup> first = cache.lookup(ADA, provider);
        CompletableFuture<AttemptedLookup> second = cache.lookup(ADA, provider);

        first.cancel(false);
        second.cancel(false);

        assertTrue(provider.call(0).isCancelled(), "nobody waits any more: stop the retries");
        cache.lookup(ADA, provider);
        assertEquals(2, provider.calls());
    }

    @Test
    void freshEntriesRestoreIntoANewCacheAndExpiredOnesAreLeftBehind() {
        LookupCache before = cache(10);
        answer(before, key(1));
        now.addAndGet(TTL.toMillis() / 2);
        answer(before, key(2));
        now.addAndGet(TTL.toMillis() / 2);

        List<CachedLookup> checkpoint = before.freshEntries();
        LookupCache after = cache(10);
        after.restore(checkpoint);

        assertEquals(1, checkpoint.size(), "the first answer is a TTL old");
        after.lookup(key(2), provider).join();
        assertEquals(2, provider.calls(), "the restored answer was served without a call");
    }

    private LookupCache cache(int maxEntries) {
        return new LookupCache(TTL, maxEntries, now::get, new LookupCacheMetrics(metrics));
    }

    private void answer(LookupCache cache, LookupKey key) {
        cache.lookup(key, provider);
        provider.answer(provider.calls() - 1, found("someone@example.org"));
    }

    private static LookupKey key(int person) {
        return LookupKey.of("sandbox", person(person, FIELDS), FIELDS);
    }

    private static AttemptedLookup found(String email) {
        return new AttemptedLookup(LookupResult.found(Map.of("professional_email", email)), 1);
    }

    private Counter counter(String name) {
        return (Counter) metrics.get(name);
    }

    /** A provider whose calls stay in flight until the test answers them. */
    private static final class ManualProvider implements Supplier<CompletableFuture<AttemptedLookup>> {
        private final List<CompletableFuture<AttemptedLookup>> calls = new ArrayList<>();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public CompletableFuture<AttemptedLookup> get() {
            CompletableFuture<AttemptedLookup> call = new CompletableFuture<>();
            calls.add(call);
            count.incrementAndGet();
            return call;
        }

        int calls() {
            return count.get();
        }

        CompletableFuture<AttemptedLookup> call(int index) {
            return calls.get(index);
        }

        void answer(int index, AttemptedLookup outcome) {
            calls.get(index).complete(outcome);
        }
    }
}
