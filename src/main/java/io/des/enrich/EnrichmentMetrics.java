package io.des.enrich;

import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
import io.des.model.FieldCatalog;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The enrichment operator's metrics, registered under the operator's DES group ({@link
 * io.des.model.DesMetrics}): per record {@code enriched}, {@code not_found}, {@code failed} (its
 * {@code enrichment_status}), {@code retries} and {@code latency_ms}; and the same three outcomes
 * per requested field, under the key-value group {@code field} = the field's name (a CloudWatch
 * dimension, a Prometheus label), registered for every enrichable field up front so that a field
 * nobody asked for yet still reads 0.
 *
 * <p>Counters are the thread-safe kind because outcomes are recorded from HTTP client and timer
 * threads, not only from the task thread; the histogram's window is synchronized internally.
 */
public final class EnrichmentMetrics {

    /** Number of recent latencies the histogram's statistics are computed over. */
    static final int LATENCY_WINDOW = 1024;

    private final Outcomes records;
    private final Map<String, Outcomes> fields = new HashMap<>();
    private final Counter retries;
    private final Histogram latencyMillis;

    /** Registers the record, field, retry and latency metrics in {@code group}. */
    public EnrichmentMetrics(MetricGroup group) {
        this.records = new Outcomes(group);
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            fields.put(field, new Outcomes(group.addGroup("field", field)));
        }
        this.retries = group.counter("retries", new ThreadSafeSimpleCounter());
        this.latencyMillis = group.histogram("latency_ms", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }

    /** Counts one emitted record and each of its fields by status, and records how long it took. */
    public void recordOutcome(EnrichedRecord record, long latencyMillis) {
        records.count(record.status);
        if (record.fieldStatus != null) {
            record.fieldStatus.forEach((field, status) -> {
                Outcomes outcomes = fields.get(field);
                if (outcomes != null) {
                    outcomes.count(status);
                }
            });
        }
        this.latencyMillis.update(latencyMillis);
    }

    /** Counts one scheduled retry. */
    public void recordRetry() {
        retries.inc();
    }

    /** {@code enriched}, {@code not_found} and {@code failed} in one group. */
    private static final class Outcomes {
        private final Counter enriched;
        private final Counter notFound;
        private final Counter failed;

        Outcomes(MetricGroup group) {
            enriched = group.counter("enriched", new ThreadSafeSimpleCounter());
            notFound = group.counter("not_found", new ThreadSafeSimpleCounter());
            failed = group.counter("failed", new ThreadSafeSimpleCounter());
        }

        void count(String statusWireName) {
            if (EnrichmentStatus.ENRICHED.wireName().equals(statusWireName)) {
                enriched.inc();
            } else if (EnrichmentStatus.NOT_FOUND.wireName().equals(statusWireName)) {
                notFound.inc();
            } else {
                failed.inc();
            }
        }
    }
}
