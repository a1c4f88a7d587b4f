package io.des.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class DesMetricsTest {

    @Test
    void metricsLandUnderTheGroupManagedFlinkShips() {
        MetricListener listener = new MetricListener();
        DesMetrics.group(listener.getMetricGroup()).counter("recordsReceived").inc(3);

        assertEquals(3, listener.getCounter("kinesisanalytics", "recordsReceived").orElseThrow().getCount());
        assertTrue(listener.getCounter("recordsReceived").isEmpty(), "registered once, in the DES group only");
    }

    @Test
    void keyValueGroupsBelowItCarryTheirKeyAsADimension() {
        MetricListener listener = new MetricListener();
        MetricGroup provider = DesMetrics.group(listener.getMetricGroup()).addGroup("provider", "sandbox");
        provider.counter("providerCalls").inc();

        assertEquals("sandbox", provider.getAllVariables().get("<provider>"));
        assertEquals(1, listener.getCounter("kinesisanalytics", "provider", "sandbox", "providerCalls").orElseThrow().getCount());
    }

    @Test
    void everyCallReturnsTheSameGroupSoOperatorsCanAskAgain() {
        MetricListener listener = new MetricListener();
        MetricGroup first = DesMetrics.group(listener.getMetricGroup());
        Counter counter = first.counter("cacheHits");

        assertSame(first, DesMetrics.group(listener.getMetricGroup()));
        assertSame(counter, listener.getCounter("kinesisanalytics", "cacheHits").orElseThrow());
    }
}
