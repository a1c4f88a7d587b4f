package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A provider behind its circuit breaker and its request gate, with its metrics: one call per
 * {@link #lookup}, no retries (a {@link RetryingLookup} around it retries, and every attempt passes
 * the gate again, so retries spend the same budget as first calls).
 *
 * <p>A call refused by an open circuit fails at once, not retryable, so a waterfall moves on to the
 * next provider instead of waiting for this one.
 */
final class GuardedProvider implements Provider {

    private final Provider delegate;
    private final CircuitBreaker breaker;
    private final RequestGate gate;
    private final ProviderMetrics metrics;
    private final LongSupplier nanoClock;

    GuardedProvider(Provider delegate, CircuitBreaker breaker, RequestGate gate, ProviderMetrics metrics,
            LongSupplier nanoClock) {
        this.delegate = delegate;
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
        if (!breaker.tryPass()) {
            metrics.recordRejectedByCircuit();
            return CompletableFuture.completedFuture(LookupResult.failed(
                    new LookupFailure("circuit open for provider " + name(), false, null)));
        }
        CompletableFuture<Void> admission = gate.acquire();
        CompletableFuture<LookupResult> lookup = admission.thenCompose(admitted -> {
            long startedAt = nanoClock.getAsLong();
            CompletableFuture<LookupResult> call;
            try {
                call = delegate.lookup(record, fields);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            return call.handle((result, error) -> {
                LookupResult outcome = error != null ? LookupResult.failed(FailureClassifier.fromException(error))
                        : result != null ? result
                        : LookupResult.failed(new LookupFailure("provider returned no result", false, null));
                settle(outcome, (nanoClock.getAsLong() - startedAt) / 1_000_000);
                return outcome;
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

    private void settle(LookupResult outcome, long latencyMillis) {
        LookupFailure failure = outcome.failure().orElse(null);
        boolean throttled = failure != null && failure.throttled();
        if (failure == null || throttled) {
            breaker.onSuccess();
        } else {
            breaker.onFailure();
        }
        gate.release(throttled, failure == null ? null : failure.retryAfter().orElse(null));
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
