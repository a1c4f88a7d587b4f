package io.des.model;

import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;

/**
 * An operator metric group for harness tests that keeps what is registered in the {@link
 * DesMetrics} group, by name ({@link #get}); any other group is Flink's unregistered kind, so a
 * metric registered outside the DES group is not found.
 */
public final class InterceptedDesMetrics extends InterceptingOperatorMetricGroup {

    @Override
    public MetricGroup addGroup(String name) {
        return DesMetrics.GROUP.equals(name) ? this : super.addGroup(name);
    }
}
