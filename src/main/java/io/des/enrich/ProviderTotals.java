package io.des.enrich;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The enrichment operator's {@code providerCalls} and {@code providerErrors} over all its
 * providers, directly in the operator's DES group: the figures the CloudWatch alarm on the
 * provider error rate reads with the {@code Application} dimension alone, which the per-provider
 * counters (with their {@code provider} dimension) do not match. Each {@link ProviderMetrics}
 * adds to them; one instance per operator instance, in its {@link ProviderContext}.
 */
public final class ProviderTotals {

    private final Counter calls;
    private final Counter errors;

    /** Registers the two counters in {@code operatorGroup}. */
    public ProviderTotals(MetricGroup operatorGroup) {
        calls = operatorGroup.counter("providerCalls", new ThreadSafeSimpleCounter());
        errors = operatorGroup.counter("providerErrors", new ThreadSafeSimpleCounter());
    }

    void recordCall() {
        calls.inc();
    }

    void recordError() {
        errors.inc();
    }
}
