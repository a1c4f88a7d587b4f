package io.des.serve;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ParquetQueryEngine} read about published ERIDs (marker and file footers), kept because
 * a published partition never changes once its {@code _SUCCESS} exists: every later page of the ERID
 * goes straight to its row groups. Bounded by weight (column chunks and pages indexed), least recently used
 * first out; an ERID heavier than the whole bound is served but not kept. ERIDs not published yet
 * are never kept, so their completion is seen at once.
 *
 * <p>Thread-safe. Two requests missing the same ERID at once both load it (the second replaces the
 * first's entry): simpler than a per-key latch, and it happens only for an ERID's first pages.
 */
final class PublishedEridCache {

    /** A tenant's ERID published under a request date. */
    record Key(String tenant, String erid, LocalDate requestDate) {}

    /** A published ERID as serving reads it. */
    record Published(PublishedFiles partition, List<ParquetFileIndex> files) {
        Published {
            files = List.copyOf(files);
        }

        long weight() {
            return 1 + files.stream().mapToLong(ParquetFileIndex::weight).sum();
        }
    }

    private final long maxWeight;
    private final LinkedHashMap<Key, Published> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long weight;

    /** @param maxWeight the most column chunks and pages indexed at once, over all kept ERIDs */
    PublishedEridCache(long maxWeight) {
        if (maxWeight < 1) {
            throw new IllegalArgumentException("maxWeight must be >= 1, got " + maxWeight);
        }
        this.maxWeight = maxWeight;
    }

    synchronized Optional<Published> get(Key key) {
        return Optional.ofNullable(entries.get(key));
    }

    synchronized void put(Key key, Published published) {
        invalidate(key);
        long added = published.weight();
        if (added > maxWeight) {
            return;
        }
        entries.put(key, published);
        weight += added;
        Iterator<Map.Entry<Key, Published>> eldest = entries.entrySet().iterator();
        while (weight > maxWeight) {
            weight -= eldest.next().getValue().weight();
            eldest.remove();
        }
    }

    /** Forgets the key, e.g. after a read of its files failed (they may have been removed). */
    synchronized void invalidate(Key key) {
        Published removed = entries.remove(key);
        if (removed != null) {
            weight -= removed.weight();
        }
    }

    synchronized long weight() {
        return weight;
    }
}
