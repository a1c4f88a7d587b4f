package io.des.enrich;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers a lookup that was already answered without paying the provider again.
 *
 * <ul>
 *   <li><b>Answers only.</b> A lookup is stored when the provider answered every field, found or
 *       not found, keyed by its {@link LookupKey}, with each value's source and quality; a lookup
 *       with any failure is never stored, so the next copy tries again.
 *   <li><b>TTL.</b> An answer is reused for the configured TTL from the moment it was received
 *       (wall-clock, so the age survives restarts); an expired answer is dropped when met.
 *   <li><b>Bounded (LRU).</b> At most {@code maxEntries} answers; the least recently used goes
 *       first. The bound matters because the entries are operator state on the heap, written whole
 *       at every checkpoint (see {@link CheckpointedLookupCache}).
 *   <li><b>Coalescing.</b> A lookup arriving while an identical one is in flight joins it instead of
 *       calling the provider: two ERIDs sent at once still pay once. Each caller gets its own future;
 *       cancelling it (an operator timeout) abandons only that caller, and the provider call itself
 *       is cancelled once every caller has abandoned it. Only the caller that started the call gets
 *       the providers it called; the others get the answer as a copy that called nobody.
 * </ul>
 *
 * <p>Thread-safe: lookups start on the task thread and complete on HTTP client threads, and the
 * checkpoint reads the entries on the task thread. Every critical section is a few map operations;
 * the provider is never called while the lock is held.
 */
public final class LookupCache {

    private final long ttlMillis;
    private final LongSupplier clockMillis;
    private final LookupCacheMetrics metrics;
    private final Object lock = new Object();
    private final LinkedHashMap<LookupKey, Answer> answers;
    private final Map<LookupKey, SharedCall> inFlight = new HashMap<>();
    private final int maxEntries;
    /** Answers added since the last {@link #drainNewAnswers}, oldest first, for the next checkpoint. */
    private final List<Map.Entry<LookupKey, Answer>> newAnswers = new ArrayList<>();
    /** False when {@link #newAnswers} misses answers (restored ones, or past the entry bound). */
    private boolean newAnswersComplete = true;

    /**
     * @param ttl how long an answer is reused
     * @param maxEntries answers kept, at least 1
     * @param clockMillis wall-clock milliseconds (injected so tests can age entries without sleeping)
     * @param metrics where hits, misses and the entry count are reported
     */
    public LookupCache(Duration ttl, int maxEntries, LongSupplier clockMillis, LookupCacheMetrics metrics) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
        this.metrics = metrics;
        // Access order turns the map into an LRU list: get() moves an entry to the young end.
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<LookupKey, Answer> eldest) {
                return size() > maxEntries;
            }
        };
        metrics.registerEntries(this::size);
    }

    /**
     * Answers {@code key} from the cache, by joining an identical call in flight, or else by
     * starting {@code providerCall}.
     *
     * @param providerCall starts the paid lookup (with its retries); called at most once, never
     *     while the cache's lock is held
     * @return this caller's own future: a stored answer comes back completed, with 0 attempts
     */
    public CompletableFuture<AttemptedLookup> lookup(LookupKey key, Supplier<CompletableFuture<AttemptedLookup>> providerCall) {
        SharedCall shared;
        boolean paysForTheCall = false;
        synchronized (lock) {
            Answer answer = freshAnswer(key);
            if (answer != null) {
                metrics.recordHit();
                return CompletableFuture.completedFuture(answer.asLookup());
            }
            shared = inFlight.get(key);
            if (shared == null) {
                shared = new SharedCall();
                inFlight.put(key, shared);
                paysForTheCall = true;
                metrics.recordMiss();
            } else {
                metrics.recordHit();
            }
            shared.callers++;
        }
        CompletableFuture<AttemptedLookup> mine = follow(key, shared, paysForTheCall);
        if (paysForTheCall) {
            start(key, shared, providerCall);
        }
        return mine;
    }

    /**
     * The stored answer for {@code key}, if a fresh one is held (counted as a hit); nothing is
     * started or joined otherwise.
     */
    public Optional<AttemptedLookup> answered(LookupKey key) {
        synchronized (lock) {
            Answer answer = freshAnswer(key);
            if (answer == null) {
                return Optional.empty();
            }
            metrics.recordHit();
            return Optional.of(answer.asLookup());
        }
    }

    /** Answers held now, expired ones included until they are met or evicted. */
    public int size() {
        synchronized (lock) {
            return answers.size();
        }
    }

    /** The answers still fresh, least recently used first, for a checkpoint. */
    public List<CachedLookup> freshEntries() {
        long now = clockMillis.getAsLong();
        synchronized (lock) {
            List<CachedLookup> entries = new ArrayList<>(answers.size());
            answers.forEach((key, answer) -> {
                if (!answer.isExpired(now, ttlMillis)) {
                    entries.add(answer.toEntry(key));
                }
            });
            return entries;
        }
    }

    /**
     * The answers added since the last call, oldest first; not complete when some are missing from
     * it (restored answers, or more than the entry bound in between), in which case a checkpoint
     * takes {@link #freshEntries()} instead.
     */
    public NewAnswers drainNewAnswers() {
        synchronized (lock) {
            List<CachedLookup> entries = new ArrayList<>(newAnswers.size());
            newAnswers.forEach(added -> entries.add(added.getValue().toEntry(added.getKey())));
            NewAnswers drained = new NewAnswers(entries, newAnswersComplete);
            newAnswers.clear();
            newAnswersComplete = true;
            return drained;
        }
    }

    /** What {@link #drainNewAnswers} returns. */
    public record NewAnswers(List<CachedLookup> entries, boolean complete) {}

    /**
     * Adds entries from a checkpoint, in the order given (least recently used first); expired ones
     * are skipped and, past the entry bound, the oldest restored ones are evicted.
     */
    public void restore(Iterable<CachedLookup> entries) {
        long now = clockMillis.getAsLong();
        synchronized (lock) {
            newAnswersComplete = false;
            for (CachedLookup entry : entries) {
                Answer answer = Answer.of(entry);
                if (!answer.isExpired(now, ttlMillis)) {
                    answers.put(LookupKey.parse(entry.key), answer);
                }
            }
        }
    }

    private Answer freshAnswer(LookupKey key) {
        Answer answer = answers.get(key);
        if (answer != null && answer.isExpired(clockMillis.getAsLong(), ttlMillis)) {
            answers.remove(key);
            return null;
        }
        return answer;
    }

    /** Journals a new answer for the next checkpoint; bounded, for a job that never checkpoints. */
    private void remember(LookupKey key, Answer answer) {
        if (!newAnswersComplete) {
            return;
        }
        if (newAnswers.size() >= maxEntries) {
            newAnswers.clear();
            newAnswersComplete = false;
            return;
        }
        newAnswers.add(Map.entry(key, answer));
    }

    private CompletableFuture<AttemptedLookup> follow(LookupKey key, SharedCall shared, boolean paysForTheCall) {
        CompletableFuture<AttemptedLookup> mine = new CompletableFuture<>();
        shared.outcome.whenComplete((attempted, error) -> {
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(paysForTheCall ? attempted
                        : new AttemptedLookup(attempted.result().withoutProviderCalls(), attempted.attempts()));
            }
        });
        mine.whenComplete((attempted, error) -> {
            if (mine.isCancelled()) {
                abandon(key, shared);
            }
        });
        return mine;
    }

    private void start(LookupKey key, SharedCall shared, Supplier<CompletableFuture<AttemptedLookup>> providerCall) {
        CompletableFuture<AttemptedLookup> call;
        try {
            call = providerCall.get();
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        boolean abandonedMeanwhile;
        synchronized (lock) {
            shared.providerCall = call;
            abandonedMeanwhile = shared.abandoned;
        }
        if (abandonedMeanwhile) {
            call.cancel(false);
        }
        call.whenComplete((attempted, error) -> settle(key, shared, attempted, error));
    }

    private void settle(LookupKey key, SharedCall shared, AttemptedLookup attempted, Throwable error) {
        synchronized (lock) {
            inFlight.remove(key, shared);
            // A field whose lookup failed must be asked again, not served as "not found" for the TTL.
            boolean answered = error == null && attempted != null && !attempted.result().isFailure()
                    && attempted.result().fieldFailures().isEmpty();
            if (answered) {
                Answer answer = new Answer(attempted.result().withoutProviderCalls(), clockMillis.getAsLong());
                answers.put(key, answer);
                remember(key, answer);
            }
        }
        if (error instanceof CancellationException) {
            // Every caller has already left; nobody reads this outcome.
            shared.outcome.completeExceptionally(error);
        } else if (error != null) {
            // Each record must still get an outcome: a call that blew up is a failed lookup.
            shared.outcome.complete(new AttemptedLookup(LookupResult.failed(FailureClassifier.fromException(error)), 1));
        } else {
            shared.outcome.complete(attempted);
        }
    }

    /** One caller gave up (timeout or shutdown); the last one to leave cancels the provider call. */
    private void abandon(LookupKey key, SharedCall shared) {
        CompletableFuture<AttemptedLookup> toCancel = null;
        synchronized (lock) {
            shared.callers--;
            if (shared.callers == 0 && !shared.outcome.isDone()) {
                shared.abandoned = true;
                // A later identical lookup must start afresh, not join a call being cancelled.
                inFlight.remove(key, shared);
                toCancel = shared.providerCall;
            }
        }
        if (toCancel != null) {
            toCancel.cancel(false);
        }
    }

    /**
     * A stored answer: the values found (none for "not found"), with their sources and qualities;
     * never a failure, and without the providers called, since a hit pays for none.
     */
    private static final class Answer {
        final LookupResult result;
        final long answeredAtMillis;

        Answer(LookupResult result, long answeredAtMillis) {
            this.result = result;
            this.answeredAtMillis = answeredAtMillis;
        }

        static Answer of(CachedLookup entry) {
            Map<String, String> values = entry.values == null ? Map.of() : entry.values;
            return new Answer(LookupResult.perField(values, entry.sourcesOrEmpty(), Map.of(), entry.qualities(), Map.of()),
                    entry.answeredAtMillis);
        }

        CachedLookup toEntry(LookupKey key) {
            return new CachedLookup(key.toString(), answeredAtMillis, result.values(), result.sources(), result.qualities());
        }

        boolean isExpired(long nowMillis, long ttlMillis) {
            return nowMillis - answeredAtMillis >= ttlMillis;
        }

        AttemptedLookup asLookup() {
            return new AttemptedLookup(result, 0); // zero attempts: this lookup paid for none
        }
    }

    /** A provider call in flight and the callers waiting for it; guarded by the cache's lock. */
    private static final class SharedCall {
        final CompletableFuture<AttemptedLookup> outcome = new CompletableFuture<>();
        CompletableFuture<AttemptedLookup> providerCall;
        int callers;
        boolean abandoned;
    }
}
