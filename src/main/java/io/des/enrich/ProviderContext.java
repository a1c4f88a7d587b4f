package io.des.enrich;

import org.apache.flink.metrics.MetricGroup;

/**
 * What a provider learns about the parallel instance it is opened on.
 *
 * @param parallelSubtasks the operator's parallelism: a provider's requests-per-second budget is
 *     shared by this many instances, each taking {@code 1/parallelSubtasks} of it
 * @param metricGroup the operator's metric group, under which per-provider metrics are registered
 * @param providerTotals the operator's calls and errors over all its providers
 * @param onRetry called once per retry a provider schedules (the operator's {@code retries} metric)
 */
public record ProviderContext(int parallelSubtasks, MetricGroup metricGroup, ProviderTotals providerTotals, Runnable onRetry) {

    public ProviderContext {
        if (parallelSubtasks < 1) {
            throw new IllegalArgumentException("parallelSubtasks must be at least 1, was " + parallelSubtasks);
        }
    }

    /** A context whose provider totals are registered in {@code metricGroup}. */
    public ProviderContext(int parallelSubtasks, MetricGroup metricGroup, Runnable onRetry) {
        this(parallelSubtasks, metricGroup, new ProviderTotals(metricGroup), onRetry);
    }

    /** As above, with retries counted nowhere but in the providers' own metrics. */
    public ProviderContext(int parallelSubtasks, MetricGroup metricGroup) {
        this(parallelSubtasks, metricGroup, () -> { });
    }
}
