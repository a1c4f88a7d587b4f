package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.DesMetrics;
import java.util.Map;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class ProviderMetricsTest {

    private final MetricListener listener = new MetricListener();
    private final ProviderContext context = new ProviderContext(1, DesMetrics.group(listener.getMetricGroup()));

    @Test
    void callsAndErrorsCountPerProviderAndInTheOperatorsTotalsTheAlarmsRead() {
        ProviderMetrics primary = new ProviderMetrics(context, "primary", () -> 0);
        ProviderMetrics fallback = new ProviderMetrics(context, "fallback", () -> 0);

        primary.recordCall(LookupResult.found(Map.of("job_title", "CTO")), 10);
        primary.recordCall(LookupResult.failed(new LookupFailure("HTTP 503", true, null)), 10);
        fallback.recordCall(LookupResult.noneFound(), 10);
        fallback.recordCall(LookupResult.failed(new LookupFailure("HTTP 429", true, null, true)), 10);

        assertEquals(2, count("provider", "primary", "providerCalls"));
        assertEquals(1, count("provider", "primary", "providerErrors"));
        assertEquals(2, count("provider", "fallback", "providerCalls"));
        assertEquals(0, count("provider", "fallback", "providerErrors"), "throttling is counted apart");
        assertEquals(1, count("provider", "fallback", "throttled"));
        assertEquals(4, count("providerCalls"), "over all providers, without the provider dimension");
        assertEquals(1, count("providerErrors"));
    }

    private long count(String... identifier) {
        String[] scoped = new String[identifier.length + 1];
        scoped[0] = DesMetrics.GROUP;
        System.arraycopy(identifier, 0, scoped, 1, identifier.length);
        return listener.getCounter(scoped).orElseThrow().getCount();
    }
}
