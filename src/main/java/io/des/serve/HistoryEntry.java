package io.des.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.des.registry.EridEntry;
import io.des.registry.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One ERID as {@code GET /v2/enrichment_requests} shows it: its contract, where it stands, its
 * progress and its webhook deliveries with every attempt.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"erid", "status", "progress", "number_of_records", "fields_to_be_enriched", "request_date",
        "created_at", "completed_at", "expired_at", "status_url", "callback_url", "metadata", "webhooks"})
public record HistoryEntry(
        @JsonProperty("erid") String erid,
        @JsonProperty("status") String status,
        @JsonProperty("progress") EnrichedDataResponse.Progress progress,
        @JsonProperty("number_of_records") long numberOfRecords,
        @JsonProperty("fields_to_be_enriched") List<String> fieldsToBeEnriched,
        @JsonProperty("request_date") String requestDate,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("completed_at") String completedAt,
        @JsonProperty("expired_at") String expiredAt,
        @JsonProperty("status_url") String statusUrl,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("metadata") @JsonRawValue String metadata,
        @JsonProperty("webhooks") List<Webhook> webhooks) {

    /** @param statusUrl where the ERID's rows are read (the ingest API's {@code status_url}) */
    public static HistoryEntry of(EridEntry entry, String statusUrl, List<WebhookDelivery> deliveries) {
        EridStatus status = RegistryStatus.of(Optional.of(entry));
        return new HistoryEntry(entry.contract().erid(), status.state().wireName(),
                new EnrichedDataResponse.Progress(status.recordsCommitted(), status.numberOfRecords(),
                        status.recordsWaiting(), new TreeMap<>(entry.fieldCounts())),
                entry.contract().numberOfRecords(), entry.contract().fieldsToEnrich(),
                entry.contract().requestDate().toString(), text(entry.contract().createdAt()), text(entry.completedAt()),
                text(entry.expiredAt()), statusUrl, entry.contract().callbackUrl(), entry.contract().metadataJson(),
                deliveries.stream().map(Webhook::of).toList());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A webhook event of the ERID and how its delivery went. */
    @JsonPropertyOrder({"event_id", "type", "state", "attempts"})
    public record Webhook(@JsonProperty("event_id") String eventId, @JsonProperty("type") String type,
            @JsonProperty("state") String state, @JsonProperty("attempts") List<Attempt> attempts) {

        static Webhook of(WebhookDelivery delivery) {
            return new Webhook(delivery.eventId(), delivery.type(), delivery.state().name().toLowerCase(java.util.Locale.ROOT),
                    delivery.attempts().stream().map(a -> new Attempt(a.at().toString(), a.outcome(), a.succeeded())).toList());
        }
    }

    @JsonPropertyOrder({"at", "outcome", "succeeded"})
    public record Attempt(@JsonProperty("at") String at, @JsonProperty("outcome") String outcome,
            @JsonProperty("succeeded") boolean succeeded) {}
}
