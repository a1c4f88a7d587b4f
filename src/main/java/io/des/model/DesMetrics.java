package io.des.model;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;

/**
 * Where every DES operator registers its metrics: the group {@value #GROUP} under the operator's
 * own group.
 *
 * <p>Managed Service for Apache Flink ships to CloudWatch only the metrics registered under a
 * group of that name; key-value subgroups below it ({@code addGroup("provider", name)}) become
 * CloudWatch dimensions. Locally the Prometheus reporter exposes the same metrics, with the group
 * in the name ({@code flink_taskmanager_job_task_operator_kinesisanalytics_recordsReceived}) and
 * key-value groups as labels. So each metric is registered once, here, and reaches both.
 */
public final class DesMetrics {

    /** The group name Managed Flink looks for. */
    public static final String GROUP = "kinesisanalytics";

    private DesMetrics() {}

    /** The operator's DES group; the same group on every call (Flink returns an existing subgroup). */
    public static MetricGroup group(RuntimeContext context) {
        return group(context.getMetricGroup());
    }

    /** The DES group under an operator's metric group. */
    public static MetricGroup group(MetricGroup operatorGroup) {
        return operatorGroup.addGroup(GROUP);
    }
}
