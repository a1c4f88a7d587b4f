package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class TenantSchedulingMetricsTest {

    private final AtomicLong clock = new AtomicLong(0);
    private final FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
    private final RecordingGroup operator = new RecordingGroup();

    @Test
    void eachTenantGetsWaitingOldestWaitAndReleasedUnderItsTenantGroup() {
        TenantSchedulingMetrics metrics = new TenantSchedulingMetrics(operator, scheduler);
        metrics.register("acme");
        metrics.register("acme");
        metrics.register("globex");
        scheduler.offer("acme", "e1", 1, "a0");
        scheduler.offer("acme", "e1", 1, "a1");
        scheduler.offer("acme", "e2", 1, "a2");
        clock.set(1_500);

        Map<String, Metric> acme = operator.groups.get("tenant=acme").metrics;
        assertEquals(2L, gauge(acme, "records_waiting"));
        assertEquals(1_500L, gauge(acme, "oldest_wait_ms"));
        assertEquals(1L, gauge(acme, "records_released"));
        MeterView perSecond = (MeterView) acme.get("records_released_per_second");
        perSecond.update();
        assertEquals(1L, perSecond.getCount(), "the meter counts the releases");
        assertEquals(0L, gauge(operator.groups.get("tenant=globex").metrics, "records_waiting"));
        assertEquals(2, operator.groups.size(), "registering twice changes nothing");
    }

    private static Object gauge(Map<String, Metric> metrics, String name) {
        return ((Gauge<?>) metrics.get(name)).getValue();
    }

    /** Keeps what is registered, by key=value subgroup. */
    private static final class RecordingGroup extends UnregisteredMetricsGroup {
        final Map<String, RecordingGroup> groups = new HashMap<>();
        final Map<String, Metric> metrics = new HashMap<>();

        @Override
        public MetricGroup addGroup(String key, String value) {
            return groups.computeIfAbsent(key + "=" + value, name -> new RecordingGroup());
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(name, gauge);
            return gauge;
        }

        @Override
        public <M extends Meter> M meter(String name, M meter) {
            metrics.put(name, meter);
            return meter;
        }
    }
}
