package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.FieldCounts;
import io.des.registry.DeliveryState;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.WebhookDelivery;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventsTest {

    static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    static final Instant CREATED = Instant.parse("2026-11-30T09:00:00Z");
    static final Instant COMPLETED = Instant.parse("2026-11-30T09:05:12.345678Z");

    @Test
    void completedEventCarriesProgressFieldsInRequestOrderStatusUrlAndMetadataAsJson() {
        String body = WebhookEvents.body(completed("acme", "{\"crm_id\": \"42\", \"batch\": 7}"), Instant.EPOCH);

        assertEquals("{\"type\":\"enrichment_request.completed\",\"timestamp\":\"2026-11-30T09:05:12.345Z\","
                + "\"data\":{\"tenant\":\"acme\",\"erid\":\"" + ERID + "\",\"status\":\"completed\","
                + "\"progress\":{\"records_committed\":3,\"number_of_records\":3,\"fields\":{"
                + "\"professional_email\":{\"found\":2,\"not_found\":1,\"failed\":0,\"of\":3},"
                + "\"job_title\":{\"found\":3,\"not_found\":0,\"failed\":0,\"of\":3}}},"
                + "\"status_url\":\"/v2/enriched_data?erid=" + ERID + "&start_date=2026-11-30&end_date=2026-11-30\","
                + "\"metadata\":{\"crm_id\":\"42\",\"batch\":7}}}", body);
    }

    @Test
    void expiredEventHasPartialProgressNoFieldsAndNullMetadataWhenNoneWasSent() throws Exception {
        Instant expiredAt = Instant.parse("2026-12-07T09:00:00Z");
        EridEntry expired = new EridEntry(contract("acme", null), EridLifecycle.EXPIRED, 1, 1, CREATED, null, expiredAt, Map.of());

        JsonNode event = new ObjectMapper().readTree(WebhookEvents.body(expired, Instant.EPOCH));

        assertEquals("enrichment_request.expired", event.get("type").asText());
        assertEquals("2026-12-07T09:00:00Z", event.get("timestamp").asText());
        assertEquals("expired", event.at("/data/status").asText());
        assertEquals(1, event.at("/data/progress/records_committed").asLong());
        assertEquals(3, event.at("/data/progress/number_of_records").asLong());
        assertTrue(event.at("/data/progress/fields").isMissingNode());
        assertTrue(event.at("/data/metadata").isNull());
    }

    @Test
    void metadataKeepsUnicodeAndExactNumbers() throws Exception {
        String metadata = "{\"owner\":\"Zoë 東京 🎉\",\"price\":1.10,\"big\":123456789012345678901234567890,\"nested\":{\"a\":[true,null]}}";

        String body = WebhookEvents.body(completed("acme", metadata), Instant.EPOCH);

        assertTrue(body.contains("\"metadata\":" + metadata), body);
        assertTrue(new ObjectMapper().readTree(body).at("/data/metadata").isObject());
    }

    @Test
    void metadataThatIsNotAJsonObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WebhookEvents.body(completed("acme", "[1,2]"), Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> WebhookEvents.body(completed("acme", "{\"a\":1} x"), Instant.EPOCH));
    }

    @Test
    void eventIdIsTheSameForTheSameEventAndDiffersOtherwise() {
        String id = WebhookEvents.eventId("acme", ERID, WebhookEventType.COMPLETED);

        assertTrue(id.matches("msg_[0-9a-f]{32}"), id);
        assertEquals(id, WebhookEvents.eventId("acme", ERID, WebhookEventType.COMPLETED));
        assertNotEquals(id, WebhookEvents.eventId("globex", ERID, WebhookEventType.COMPLETED));
        assertNotEquals(id, WebhookEvents.eventId("acme", ERID, WebhookEventType.EXPIRED));
        assertNotEquals(id, WebhookEvents.eventId("acme", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a2", WebhookEventType.COMPLETED));
    }

    @Test
    void deliveryIsPendingDueAtOnceAndTheSameEventWhenBuiltAgainAfterAReplay() {
        Instant now = Instant.parse("2026-11-30T09:05:13Z");
        WebhookDelivery first = WebhookEvents.delivery(completed("acme", null), "https://hooks.example.com/des", now);
        WebhookDelivery replayed = WebhookEvents.delivery(completed("acme", null), "https://hooks.example.com/des", now.plusSeconds(600));

        assertEquals(DeliveryState.PENDING, first.state());
        assertEquals(now, first.createdAt());
        assertEquals(now, first.nextAttemptAt());
        assertEquals(List.of(), first.attempts());
        assertEquals("enrichment_request.completed", first.type());
        assertEquals("acme", first.tenant());
        assertEquals(ERID, first.erid());
        assertEquals("https://hooks.example.com/des", first.url());
        assertEquals(WebhookEvents.eventId("acme", ERID, WebhookEventType.COMPLETED), first.eventId());
        assertEquals(first.eventId(), replayed.eventId());
        assertEquals(first.payloadJson(), replayed.payloadJson());
    }

    @Test
    void noEventWhileTheEridIsStillReceiving() {
        EridEntry receiving = new EridEntry(contract("acme", null), EridLifecycle.RECEIVING, 1, 1, CREATED, null, null, Map.of());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WebhookEvents.delivery(receiving, "https://hooks.example.com/des", CREATED));
        assertTrue(error.getMessage().contains("RECEIVING"), error.getMessage());
    }

    static EridContract contract(String tenant, String metadataJson) {
        return new EridContract(tenant, ERID, 3, List.of("professional_email", "job_title"), LocalDate.of(2026, 11, 30),
                CREATED, "https://hooks.example.com/des", metadataJson);
    }

    static EridEntry completed(String tenant, String metadataJson) {
        return new EridEntry(contract(tenant, metadataJson), EridLifecycle.COMPLETED, 3, 3, CREATED, COMPLETED, null,
                Map.of("job_title", new FieldCounts(3, 0, 0, 3), "professional_email", new FieldCounts(2, 1, 0, 3)));
    }
}
