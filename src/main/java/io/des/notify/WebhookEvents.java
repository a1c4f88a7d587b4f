package io.des.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.FieldCounts;
import io.des.registry.DeliveryState;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.WebhookDelivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The webhook event of an ERID that completed or expired, and its delivery for the outbox.
 *
 * <p>The body (documented with an example in {@code docs/webhooks.md}):
 * <pre>{@code
 * {"type": "enrichment_request.completed" | "enrichment_request.expired",
 *  "timestamp": "<when it completed or expired, ISO-8601 UTC>",
 *  "data": {"tenant", "erid", "status", "progress": {"records_committed", "number_of_records", "fields"?},
 *           "status_url", "metadata"}}
 * }</pre>
 * {@code status_url} is relative to the API's base URL, which DES does not know behind a load
 * balancer or API Gateway; {@code metadata} is the client's JSON object embedded as JSON (null
 * when it sent none); {@code fields} is present once the ERID completed.
 *
 * <p>The event id depends only on (tenant, erid, type), so enqueueing again after a replay of the
 * job or the API names the same event: the outbox keeps the first, and receivers that dedupe on
 * {@code webhook-id} never see it twice as two events.
 */
public final class WebhookEvents {

    private static final String STATUS_PATH = "/v2/enriched_data";

    // Exact decimals, so metadata numbers are echoed as the client wrote them.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private WebhookEvents() {}

    /**
     * A PENDING delivery of {@code entry}'s event to {@code url}, due at once.
     *
     * @param now when it is enqueued: its {@code createdAt}, from which the retry deadline runs
     * @throws IllegalArgumentException when the ERID is still RECEIVING (no event yet)
     */
    public static WebhookDelivery delivery(EridEntry entry, String url, Instant now) {
        WebhookEventType type = typeOf(entry);
        EridContract contract = entry.contract();
        return new WebhookDelivery(eventId(contract.tenant(), contract.erid(), type), contract.tenant(),
                contract.erid(), type.wireName(), url, body(entry, now), now, DeliveryState.PENDING, now, List.of());
    }

    /**
     * {@code msg_} + the first 128 bits of SHA-256(tenant, erid, type) in hex: the same for the same
     * event however often it is built, different for any other (tenant, erid, type).
     */
    public static String eventId(String tenant, String erid, WebhookEventType type) {
        // NUL cannot occur in tenant ids, ERIDs or types, so the fields cannot run into each other.
        String identity = tenant + '\0' + erid + '\0' + type.wireName();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "msg_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The event's JSON body.
     *
     * @param fallbackTime the event's {@code timestamp} when the entry lacks its completion or expiry time
     */
    public static String body(EridEntry entry, Instant fallbackTime) {
        WebhookEventType type = typeOf(entry);
        EridContract contract = entry.contract();
        Instant happenedAt = type == WebhookEventType.COMPLETED ? entry.completedAt() : entry.expiredAt();
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type.wireName());
        event.put("timestamp", (happenedAt == null ? fallbackTime : happenedAt).truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode data = event.putObject("data");
        data.put("tenant", contract.tenant());
        data.put("erid", contract.erid());
        data.put("status", entry.lifecycle().wireName());
        ObjectNode progress = data.putObject("progress");
        progress.put("records_committed", entry.recordsCommitted());
        progress.put("number_of_records", contract.numberOfRecords());
        if (!entry.fieldCounts().isEmpty()) {
            progress.set("fields", fields(contract.fieldsToEnrich(), entry.fieldCounts()));
        }
        data.put("status_url", statusUrl(contract));
        data.set("metadata", metadata(contract.metadataJson()));
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a webhook event", e);
        }
    }

    /** The GET that answers this ERID, relative to the API's base URL, over its one request date. */
    static String statusUrl(EridContract contract) {
        return STATUS_PATH + "?erid=" + contract.erid() + "&start_date=" + contract.requestDate()
                + "&end_date=" + contract.requestDate();
    }

    private static WebhookEventType typeOf(EridEntry entry) {
        return WebhookEventType.of(entry.lifecycle()).orElseThrow(() -> new IllegalArgumentException(
                "ERID " + entry.contract().erid() + " is " + entry.lifecycle() + ": no webhook event before it completes or expires"));
    }

    /** Per field in the order the client asked for them, so the body is the same on every build. */
    private static ObjectNode fields(List<String> requested, Map<String, FieldCounts> counts) {
        ObjectNode fields = JSON.createObjectNode();
        requested.stream().filter(counts::containsKey).forEach(field -> fields.set(field, JSON.valueToTree(counts.get(field))));
        new TreeMap<>(counts).forEach((field, count) -> {
            if (!fields.has(field)) {
                fields.set(field, JSON.valueToTree(count));
            }
        });
        return fields;
    }

    private static JsonNode metadata(String metadataJson) {
        if (metadataJson == null) {
            return JSON.nullNode();
        }
        try {
            JsonNode metadata = JSON.readTree(metadataJson);
            if (metadata.isObject()) {
                return metadata;
            }
        } catch (JsonProcessingException e) {
            // Same answer as a non-object below; the registry should never hold either.
        }
        throw new IllegalArgumentException("the ERID's metadata is not a JSON object");
    }
}
