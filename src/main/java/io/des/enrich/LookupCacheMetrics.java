package io.des.enrich;

import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The lookup cache's metrics, registered under one provider's metric group.
 *
 * <p>{@code cacheHits} counts lookups answered without a new provider call (from a stored answer,
 * or by joining an identical call in flight); {@code cache_misses} counts lookups that called the
 * provider; {@code cache_entries} is the number of answers held. Counters are the thread-safe kind
 * because hits and misses are recorded from HTTP client threads too.
 */
public final class LookupCacheMetrics {

    private final MetricGroup group;
    private final Counter hits;
    private final Counter misses;

    public LookupCacheMetrics(MetricGroup group) {
        this.group = group;
        this.hits = group.counter("cacheHits", new ThreadSafeSimpleCounter());
        this.misses = group.counter("cache_misses", new ThreadSafeSimpleCounter());
    }

    void recordHit() {
        hits.inc();
    }

    void recordMiss() {
        misses.inc();
    }

    void registerEntries(IntSupplier entries) {
        group.gauge("cache_entries", (Gauge<Integer>) entries::getAsInt);
    }
}
