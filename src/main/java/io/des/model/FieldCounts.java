package io.des.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How one enrichable field fared over an ERID's records, from the {@code field_status} column.
 *
 * @param found records where the field was found ({@code enriched})
 * @param notFound records where every provider answered without it
 * @param failed records where it could not be looked up
 * @param of records that asked for the field
 */
@JsonPropertyOrder({"found", "not_found", "failed", "of"})
public record FieldCounts(
        @JsonProperty("found") long found,
        @JsonProperty("not_found") long notFound,
        @JsonProperty("failed") long failed,
        @JsonProperty("of") long of) {}
