package io.des.sink;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test catalog that remembers registrations and can fail the first calls. Flink serializes the
 * catalog into the job, so its records live in static maps under this instance's id.
 */
final class RecordingPartitionCatalog implements PartitionCatalog {

    private static final Map<String, List<String>> REGISTRATIONS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final int failingCalls;

    RecordingPartitionCatalog() {
        this(0);
    }

    /** @param failingCalls how many first calls throw, as an unreachable catalog would */
    RecordingPartitionCatalog(int failingCalls) {
        this.failingCalls = failingCalls;
    }

    @Override
    public void register(String tenant, String requestDate, String erid, String partitionUri) throws Exception {
        AtomicInteger failures = FAILURES.computeIfAbsent(id, key -> new AtomicInteger());
        if (failures.get() < failingCalls) {
            failures.incrementAndGet();
            throw new IllegalStateException("catalog unavailable (injected)");
        }
        REGISTRATIONS.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
                .add(tenant + "|" + requestDate + "|" + erid + "|" + partitionUri);
    }

    /** Successful registrations as {@code tenant|requestDate|erid|partitionUri}, in call order. */
    List<String> registrations() {
        return List.copyOf(REGISTRATIONS.getOrDefault(id, List.of()));
    }

    /** How many calls failed on purpose. */
    int injectedFailures() {
        AtomicInteger failures = FAILURES.get(id);
        return failures == null ? 0 : failures.get();
    }
}
