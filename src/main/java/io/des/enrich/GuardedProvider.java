package io.des.enrich;

import io.des.model.ContactRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A provider behind its circuit breaker and its request gate, with its metrics: one call per
 * {@link #lookup}, no retries (a {@link RetryingLookup} around it retries, and every attempt passes
 * the gate again, so retries spend the same budget as first calls).
 *
 * <p>A call refused by an open circuit fails at once, not retryable, so a waterfall moves on to the
 * next provider instead of waiting for this one.
 *
 * <p>A {@code Retry-After} up to the provider's cap pauses its gate and is the floor of the next
 * retry's wait. Above the cap the provider is unavailable for as long as it asked: the answer
 * becomes a final failure (the waterfall asks the next provider at once, nothing is parked) and
 * the circuit stays open for that long, so later calls fail at once too.
 */
final class GuardedProvider implements Provider {

    private final Provider delegate;
    private final CircuitBreaker breaker;
    private final RequestGate gate;
    private final ProviderMetrics metrics;
    private final Duration retryAfterCap;
    private final LongSupplier nanoClock;

    GuardedProvider(Provider delegate, CircuitBreaker breaker, RequestGate gate, ProviderMetrics metrics,
            Duration retryAfterCap, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.retryAfterCap = retryAfterCap;
        this.breaker = breaker;
        this.gate = gate;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        return guarded(() -> delegate.lookup(record, fields), LookupResult::failed, Function.identity());
    }

    /**
     * Sends a bulk call through the same circuit, gate and metrics as a single lookup: one permit of
     * the gate, one {@code calls} count, however many contacts it carries. A refused or failed call
     * fails every contact with the same failure.
     */
    CompletableFuture<List<LookupResult>> lookupAll(List<BulkLookup> lookups, LookupBatcher.BulkCall bulkCall) {
        return guarded(() -> bulkCall.lookupAll(lookups),
                failure -> Collections.nCopies(lookups.size(), LookupResult.failed(failure)),
                GuardedProvider::summary);
    }

    private <T> CompletableFuture<T> guarded(Supplier<CompletableFuture<T>> send, Function<LookupFailure, T> failure,
            Function<T, LookupResult> outcomeOf) {
        if (!breaker.tryPass()) {
            metrics.recordRejectedByCircuit();
            return CompletableFuture.completedFuture(failure.apply(
                    new LookupFailure("circuit open for provider " + name(), false, null)));
        }
        CompletableFuture<Void> admission = gate.acquire();
        CompletableFuture<T> lookup = admission.thenCompose(admitted -> {
            long startedAt = nanoClock.getAsLong();
            CompletableFuture<T> call;
            try {
                call = send.get();
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.handle((result, error) -> {
                T answer = error != null ? failure.apply(FailureClassifier.fromException(error))
                        : result != null ? result
                        : failure.apply(new LookupFailure("provider returned no result", false, null));
                LookupResult outcome = outcomeOf.apply(answer);
                LookupFailure unavailable = unavailableFor(outcome);
                settle(outcome, unavailable != null, (nanoClock.getAsLong() - startedAt) / 1_000_000);
                return unavailable == null ? answer : failure.apply(unavailable);
            });
        });
        // Cancelling the lookup withdraws it from the gate's queue; a call already sent runs on.
        lookup.whenComplete((ignored, error) -> {
            if (lookup.isCancelled()) {
                admission.cancel(false);
            }
        });
        return lookup;
    }

    /** A bulk call's outcome for the breaker, gate and metrics: its failure, else found if any contact was. */
    private static LookupResult summary(List<LookupResult> results) {
        for (LookupResult result : results) {
            if (!result.isFailure()) {
                return results.stream().filter(r -> !r.values().isEmpty()).findFirst().orElse(result);
            }
        }
        return results.isEmpty() ? LookupResult.noneFound() : results.get(0);
    }

    /** The final failure replacing {@code outcome} when it asks for a wait above the cap, else null. */
    private LookupFailure unavailableFor(LookupResult outcome) {
        LookupFailure failure = outcome.failure().orElse(null);
        Duration asked = failure == null ? null : failure.retryAfter().orElse(null);
        if (asked == null || asked.compareTo(retryAfterCap) <= 0) {
            return null;
        }
        return new LookupFailure(failure.reason() + " with Retry-After " + asked.toSeconds() + " s, above the "
                + retryAfterCap.toSeconds() + " s cap: provider unavailable that long", false, null, failure.throttled());
    }

    private void settle(LookupResult outcome, boolean unavailable, long latencyMillis) {
        LookupFailure failure = outcome.failure().orElse(null);
        boolean throttled = failure != null && failure.throttled();
        Duration retryAfter = failure == null ? null : failure.retryAfter().orElse(null);
        if (unavailable) {
            // The breaker refuses calls for the wait; the gate is not paused, so nothing queues behind it.
            breaker.openFor(RetryAfter.saturated(retryAfter).toNanos());
            retryAfter = null;
        } else if (failure == null || throttled) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        gate.release(throttled, retryAfter);
        metrics.recordCall(outcome, latencyMillis);
    }

    /** The circuit's state, for the {@code circuit_state} gauge. */
    CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    @Override
    public void close() {
        gate.close();
        delegate.close();
    }
}
