package io.des.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one enrichable field fared over an ERID's records, from the {@code field_status} column.
 *
 * @param found records where the field was found ({@code enriched})
 * @param notFound records where every provider answered without it
 * @param failed records where it could not be looked up
 * @param of records that asked for the field
 * @param calls per provider, the records for which it was called for this field (empty for ERIDs
 *     completed before providers were counted, and for answers from the cache)
 */
@JsonPropertyOrder({"found", "not_found", "failed", "of", "calls"})
public record FieldCounts(
        @JsonProperty("found") long found,
        @JsonProperty("not_found") long notFound,
        @JsonProperty("failed") long failed,
        @JsonProperty("of") long of,
        @JsonProperty("calls") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> calls) {

    public FieldCounts {
        // In provider-name order, so that answers and stored JSON read the same every time.
        calls = calls == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(calls));
    }

    /** Counts without calls per provider. */
    public FieldCounts(long found, long notFound, long failed, long of) {
        this(found, notFound, failed, of, Map.of());
    }
}
