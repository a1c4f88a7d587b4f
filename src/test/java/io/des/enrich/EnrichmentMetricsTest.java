package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.DesMetrics;
import io.des.model.EnrichedRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class EnrichmentMetricsTest {

    private final MetricListener listener = new MetricListener();
    private final EnrichmentMetrics metrics = new EnrichmentMetrics(DesMetrics.group(listener.getMetricGroup()));

    @Test
    void eachFieldIsCountedByItsOwnOutcomeUnderItsFieldDimension() {
        metrics.recordOutcome(record("enriched", Map.of("professional_email", "enriched", "job_title", "not_found")), 5);
        metrics.recordOutcome(record("failed", Map.of("professional_email", "failed", "job_title", "failed")), 7);

        assertEquals(1, count("enriched"));
        assertEquals(1, count("failed"));
        assertEquals(0, count("not_found"));
        assertEquals(1, count("field", "professional_email", "enriched"));
        assertEquals(1, count("field", "professional_email", "failed"));
        assertEquals(1, count("field", "job_title", "not_found"));
        assertEquals(1, count("field", "job_title", "failed"));
        assertEquals(0, count("field", "phone_number", "enriched"), "every enrichable field is there, at 0");
        assertEquals(2, listener.getHistogram("kinesisanalytics", "latency_ms").orElseThrow().getCount());
    }

    @Test
    void aFieldOutsideTheCatalogueIsNotCountedAsAField() {
        metrics.recordOutcome(record("enriched", Map.of("shoe_size", "not_found", "job_title", "enriched")), 1);

        assertEquals(1, count("field", "job_title", "enriched"));
        assertEquals(true, listener.getCounter("kinesisanalytics", "field", "shoe_size", "not_found").isEmpty());
    }

    private long count(String... identifier) {
        String[] scoped = new String[identifier.length + 1];
        scoped[0] = DesMetrics.GROUP;
        System.arraycopy(identifier, 0, scoped, 1, identifier.length);
        return listener.getCounter(scoped).orElseThrow().getCount();
    }

    private static EnrichedRecord record(String status, Map<String, String> fieldStatus) {
        EnrichedRecord record = new EnrichedRecord();
        record.status = status;
        record.fieldStatus = new LinkedHashMap<>(fieldStatus);
        return record;
    }
}
