package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A single configured provider (no waterfall) counted in its {@link ProviderMetrics}, as a
 * waterfall counts each of its providers through {@link GuardedProvider}: so {@code providerCalls}
 * and {@code providerErrors} exist whichever way providers are configured. Without a circuit
 * breaker, {@code circuit_state} stays 0 (closed).
 */
final class MeteredProvider implements Provider {

    private final Provider delegate;
    private final ProviderMetrics metrics;

    MeteredProvider(Provider delegate, ProviderMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        long start = System.nanoTime();
        return delegate.lookup(record, fields).whenComplete((result, error) -> metrics.recordCall(
                result != null ? result : LookupResult.failed(new LookupFailure(String.valueOf(error), true, null)),
                (System.nanoTime() - start) / 1_000_000));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
