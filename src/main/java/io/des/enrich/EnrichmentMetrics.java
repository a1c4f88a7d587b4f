package io.des.enrich;

import io.des.model.EnrichmentStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The enrichment operator's metrics, registered under the operator's metric group.
 *
 * <p>Counters are the thread-safe kind because outcomes are recorded from HTTP client and timer
 * threads, not only from the task thread; the histogram's window is synchronized internally.
 */
public final class EnrichmentMetrics {

    /** Number of recent latencies the histogram's statistics are computed over. */
    static final int LATENCY_WINDOW = 1024;

    private final Counter enriched;
    private final Counter notFound;
    private final Counter failed;
    private final Counter retries;
    private final Histogram latencyMillis;

    /** Registers {@code enriched}, {@code not_found}, {@code failed}, {@code retries} and {@code latency_ms}. */
    public EnrichmentMetrics(MetricGroup group) {
        this.enriched = group.counter("enriched", new ThreadSafeSimpleCounter());
        this.notFound = group.counter("not_found", new ThreadSafeSimpleCounter());
        this.failed = group.counter("failed", new ThreadSafeSimpleCounter());
        this.retries = group.counter("retries", new ThreadSafeSimpleCounter());
        this.latencyMillis = group.histogram("latency_ms", new DescriptiveStatisticsHistogram(LATENCY_WINDOW));
    }

    /** Counts one emitted record by its status and records how long its enrichment took. */
    public void recordOutcome(String statusWireName, long latencyMillis) {
        if (EnrichmentStatus.ENRICHED.wireName().equals(statusWireName)) {
            enriched.inc();
        } else if (EnrichmentStatus.NOT_FOUND.wireName().equals(statusWireName)) {
            notFound.inc();
        } else {
            failed.inc();
        }
        this.latencyMillis.update(latencyMillis);
    }

    /** Counts one scheduled retry. */
    public void recordRetry() {
        retries.inc();
    }
}
