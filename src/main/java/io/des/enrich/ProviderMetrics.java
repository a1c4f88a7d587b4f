package io.des.enrich;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * One provider's metrics, under the operator's DES group ({@link io.des.model.DesMetrics}) in the
 * key-value group {@code provider} = its name (a CloudWatch dimension, a Prometheus label): {@code
 * providerCalls}, {@code found}, {@code not_found}, {@code providerErrors}, {@code throttled},
 * {@code rejected_by_circuit}, {@code latency_ms} (histogram of answered calls) and the gauge
 * {@code circuit_state} (0 closed, 1 half open, 2 open). Calls and errors also add to the
 * operator's {@link ProviderTotals}, whose names the CloudWatch alarms read.
 *
 * <p>Counted per HTTP call, retries included, so that {@code calls} is what the provider bills; a
 * bulk call counts once, {@code found} when any of its contacts was found.
 */
final class ProviderMetrics {

    private final Counter calls;
    private final Counter found;
    private final Counter notFound;
    private final Counter errors;
    private final Counter throttled;
    private final Counter rejectedByCircuit;
    private final Histogram latencyMillis;

    private final ProviderTotals totals;

    ProviderMetrics(ProviderContext context, String providerName, IntSupplier circuitState) {
        this.totals = context.providerTotals();
        MetricGroup group = context.metricGroup().addGroup("provider", providerName);
        calls = group.counter("providerCalls", new ThreadSafeSimpleCounter());
        found = group.counter("found", new ThreadSafeSimpleCounter());
        notFound = group.counter("not_found", new ThreadSafeSimpleCounter());
        errors = group.counter("providerErrors", new ThreadSafeSimpleCounter());
        throttled = group.counter("throttled", new ThreadSafeSimpleCounter());
        rejectedByCircuit = group.counter("rejected_by_circuit", new ThreadSafeSimpleCounter());
        latencyMillis = group.histogram("latency_ms",
                new DescriptiveStatisticsHistogram(EnrichmentMetrics.LATENCY_WINDOW));
        group.gauge("circuit_state", circuitState::getAsInt);
    }

    void recordCall(LookupResult result, long latency) {
        calls.inc();
        totals.recordCall();
        latencyMillis.update(latency);
        LookupFailure failure = result.failure().orElse(null);
        if (failure == null) {
            (result.values().isEmpty() ? notFound : found).inc();
        } else if (failure.throttled()) {
            throttled.inc();
        } else {
            errors.inc();
            totals.recordError();
        }
    }

    void recordRejectedByCircuit() {
        rejectedByCircuit.inc();
    }
}
