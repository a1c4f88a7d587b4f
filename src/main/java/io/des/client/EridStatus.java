package io.des.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.FieldCounts;
import io.des.serve.EridState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an ERID stands, as its history entry tells it.
 *
 * @param erid the ERID (canonical, lower case)
 * @param state inexistent, incomplete, completed or expired
 * @param recordsCommitted records durably enriched so far
 * @param recordsWaiting records the job holds waiting for a provider (its fair scheduler's backlog);
 *     null when DES does not know (completed, expired, inexistent, or a job without a registry)
 * @param numberOfRecords the ERID's total; null when inexistent
 * @param fieldsToBeEnriched the fields its first POST asked for; empty when inexistent
 * @param requestDate the date of its first POST (UTC), which names its partition; null when inexistent
 * @param createdAt when DES first stored it; null when inexistent
 * @param completedAt when it completed; null unless completed
 * @param expiredAt when it expired; null unless expired
 * @param fields per requested field of a completed ERID: found, not found, failed, of
 */
public record EridStatus(String erid, EridState state, long recordsCommitted, Long recordsWaiting, Long numberOfRecords,
        List<String> fieldsToBeEnriched, LocalDate requestDate, Instant createdAt, Instant completedAt, Instant expiredAt,
        Map<String, FieldCounts> fields) {

    public EridStatus {
        fieldsToBeEnriched = List.copyOf(fieldsToBeEnriched);
        fields = Map.copyOf(fields);
    }

    /** An ERID DES has no entry for: never submitted (by this tenant), or not stored yet. */
    public static EridStatus inexistent(String erid) {
        return new EridStatus(erid, EridState.INEXISTENT, 0, null, null, List.of(), null, null, null, null, Map.of());
    }

    /** Completed or expired: nothing will change any more. */
    public boolean isFinal() {
        return state == EridState.COMPLETED || state == EridState.EXPIRED;
    }

    /** Reads one entry of {@code GET /v2/enrichment_requests} (see {@code HistoryEntry} in docs/openapi.yaml). */
    static EridStatus fromHistory(JsonNode entry) {
        JsonNode progress = entry.path("progress");
        List<String> requested = new ArrayList<>();
        entry.path("fields_to_be_enriched").forEach(field -> requested.add(field.asText()));
        Map<String, FieldCounts> counts = new LinkedHashMap<>();
        progress.path("fields").fields().forEachRemaining(field -> counts.put(field.getKey(), new FieldCounts(
                field.getValue().path("found").asLong(), field.getValue().path("not_found").asLong(),
                field.getValue().path("failed").asLong(), field.getValue().path("of").asLong())));
        JsonNode total = progress.path("number_of_records");
        JsonNode waiting = progress.path("records_waiting");
        return new EridStatus(entry.path("erid").asText(), state(entry.path("status").asText()),
                progress.path("records_committed").asLong(), waiting.isIntegralNumber() ? waiting.asLong() : null,
                total.isIntegralNumber() ? total.asLong() : null,
                requested, LocalDate.parse(entry.path("request_date").asText()), instant(entry.path("created_at")),
                instant(entry.path("completed_at")), instant(entry.path("expired_at")), counts);
    }

    private static EridState state(String wireName) {
        for (EridState state : EridState.values()) {
            if (state.wireName().equals(wireName)) {
                return state;
            }
        }
        throw new DesException("DES answered an unknown status '" + wireName + "'");
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
