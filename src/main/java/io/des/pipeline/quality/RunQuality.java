package io.des.pipeline.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.FieldCounts;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's data-quality figures, taken at read and at write: rows, distinct keys, NULLs per column,
 * discarded rows by reason, and per enriched field how many values were found, not found or
 * failed. Stored with the run (JSON), printed as a table at its end, and reported as metrics.
 *
 * @param rowsWithoutCursor rows an incremental run cannot place (NULL cursor or tie-breaker), or -1 when not counted
 */
public record RunQuality(Side read, Side write, Map<String, FieldCounts> fields, long rowsWithoutCursor) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Figures of one side: what the fetch read, or what the load wrote. */
    public record Side(long rows, long distinctKeys, Map<String, Long> nulls, Map<String, Long> discarded) {

        public Side {
            nulls = new TreeMap<>(nulls);
            discarded = new TreeMap<>(discarded);
        }

        public static final Side NONE = new Side(0, 0, Map.of(), Map.of());

        public long discardedRows() {
            return discarded.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public RunQuality {
        fields = new TreeMap<>(fields);
    }

    public static RunQuality empty() {
        return new RunQuality(Side.NONE, Side.NONE, Map.of(), -1);
    }

    public RunQuality withRead(Side side, long withoutCursor) {
        return new RunQuality(side, write, fields, withoutCursor);
    }

    public RunQuality withWrite(Side side) {
        return new RunQuality(read, side, fields, rowsWithoutCursor);
    }

    public RunQuality withFields(Map<String, FieldCounts> counts) {
        return new RunQuality(read, write, counts, rowsWithoutCursor);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null or blank reads as {@link #empty()}. */
    public static RunQuality fromJson(String json) {
        if (json == null || json.isBlank()) {
            return empty();
        }
        try {
            return JSON.readValue(json, RunQuality.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run's quality figures: " + e.getOriginalMessage(), e);
        }
    }
}
