package io.des.pipeline.quality;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.Accumulator;

/**
 * Counts by name (nulls per column, discarded rows per reason, outcomes per field), summed over
 * every parallel instance of a bounded job and read from its result when it ends.
 */
public final class NamedCounts implements Accumulator<String, TreeMap<String, Long>> {

    private TreeMap<String, Long> counts = new TreeMap<>();

    @Override
    public void add(String name) {
        add(name, 1);
    }

    public void add(String name, long n) {
        counts.merge(name, n, Long::sum);
    }

    @Override
    public TreeMap<String, Long> getLocalValue() {
        return counts;
    }

    @Override
    public void resetLocal() {
        counts = new TreeMap<>();
    }

    @Override
    public void merge(Accumulator<String, TreeMap<String, Long>> other) {
        other.getLocalValue().forEach(this::add);
    }

    @Override
    public NamedCounts clone() {
        NamedCounts copy = new NamedCounts();
        copy.counts = new TreeMap<>(counts);
        return copy;
    }

    /** A counter's result ({@code LongCounter}), or 0 when the job never created it. */
    public static long countOf(Object result) {
        return result == null ? 0 : ((Number) result).longValue();
    }

    /** An accumulator's result, or an empty map when the job never created it (no row passed). */
    @SuppressWarnings("unchecked")
    public static Map<String, Long> resultOf(Object result) {
        return result == null ? Map.of() : (Map<String, Long>) result;
    }
}
