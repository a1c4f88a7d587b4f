package io.des.sink;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test catalog that remembers registrations. Flink serializes the catalog into the job, so the
 * registrations live in a static map under this instance's id, readable from the test.
 */
final class RecordingPartitionCatalog implements PartitionCatalog {

    private static final Map<String, List<String>> REGISTRATIONS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    @Override
    public void register(String requestDate, String erid, String partitionUri) {
        REGISTRATIONS.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>())
                .add(requestDate + "|" + erid + "|" + partitionUri);
    }

    /** Registrations as {@code requestDate|erid|partitionUri}, in call order. */
    List<String> registrations() {
        return List.copyOf(REGISTRATIONS.getOrDefault(id, List.of()));
    }
}
