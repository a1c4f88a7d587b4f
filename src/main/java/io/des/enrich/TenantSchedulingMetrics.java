package io.des.enrich;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-tenant metrics of the {@link FairScheduler}, in the operator's group under {@code tenant} =
 * the tenant's id (a key-value group, so reporters tag them with {@code tenant}):
 * {@code records_waiting}, {@code oldest_wait_ms}, {@code records_released} (since the instance
 * started) and {@code records_released_per_second} (over the last minute).
 *
 * <p>Registered when a tenant's first record arrives, on the task thread; the gauges read the
 * scheduler, which is thread-safe.
 */
final class TenantSchedulingMetrics {

    private final MetricGroup operatorGroup;
    private final FairScheduler<?> scheduler;
    private final Set<String> registered = new HashSet<>();

    TenantSchedulingMetrics(MetricGroup operatorGroup, FairScheduler<?> scheduler) {
        this.operatorGroup = operatorGroup;
        this.scheduler = scheduler;
    }

    /** Registers the tenant's metrics unless they are already. */
    void register(String tenant) {
        if (!registered.add(tenant)) {
            return;
        }
        MetricGroup group = operatorGroup.addGroup("tenant", tenant);
        group.gauge("records_waiting", () -> scheduler.waiting(tenant));
        group.gauge("oldest_wait_ms", () -> scheduler.oldestWaitMillis(tenant));
        Gauge<Long> released = group.gauge("records_released", () -> scheduler.releasedSoFar(tenant));
        group.meter("records_released_per_second", new MeterView(released));
    }
}
