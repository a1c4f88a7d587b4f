package io.des.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import io.des.model.MovableClock;
import io.des.notify.CallbackUrlPolicy;
import io.des.registry.EridLifecycle;
import io.des.registry.InMemoryEridRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every POST of an ERID is held to its first POST's contract. */
class ContractGateTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryEridRegistry registry = new InMemoryEridRegistry();
    private final InMemoryPublisher publisher = new InMemoryPublisher();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T23:59:30Z"));
    private final IngestHandler handler = new IngestHandler(publisher, IngestLimits.defaults(), IngestAdmission.UNLIMITED,
            new ContractGate(registry, clock, CallbackUrlPolicy.localMode()::refusal, tenant -> null));

    @Test
    void everyPostOfAnEridGetsTheSameStatusUrlAcrossUtcMidnight() throws Exception {
        JsonNode first = accepted(post(body(0, 2, 4, "\"professional_email\"", null)));
        clock.now = Instant.parse("2026-12-01T00:00:30Z");
        JsonNode second = accepted(post(body(2, 2, 4, "\"professional_email\"", null)));

        assertEquals(first.get("status_url"), second.get("status_url"));
        assertTrue(first.get("status_url").asText().endsWith("start_date=2026-11-30&end_date=2026-11-30"));
        assertTrue(publisher.published.stream().allMatch(record -> record.requestDate.equals("2026-11-30")),
                "records of the second POST are written under the first POST's date");
    }

    @Test
    void aContradictingTotalIsRefusedWith409NamingItAndNothingIsPublished() throws Exception {
        accepted(post(body(0, 2, 4, "\"professional_email\"", null)));
        int published = publisher.published.size();

        ApiResponse conflict = post(body(2, 2, 5, "\"professional_email\"", null));

        assertEquals(409, conflict.status());
        JsonNode error = JSON.readTree(conflict.body());
        assertEquals("erid_conflict", error.get("code").asText());
        assertTrue(error.get("error").asText().contains("number_of_records 5 ≠ 4"), error.toString());
        assertEquals(published, publisher.published.size());
    }

    @Test
    void otherFieldsOrAnotherCallbackUrlAreRefusedToo() throws Exception {
        accepted(post(body(0, 2, 4, "\"professional_email\"", "https://93.184.216.34/a")));
        JsonNode fields = JSON.readTree(post(body(2, 2, 4, "\"phone_number\"", null)).body());
        assertEquals("erid_conflict", fields.get("code").asText());
        assertTrue(fields.get("error").asText().contains("fields_to_be_enriched [phone_number] ≠ [professional_email]"));
        JsonNode callback = JSON.readTree(post(body(2, 2, 4, "\"professional_email\"", "https://93.184.216.34/b")).body());
        assertEquals("erid_conflict", callback.get("code").asText());
        assertEquals(202, post(body(2, 2, 4, "\"professional_email\"", null)).status(), "leaving callback_url out agrees");
    }

    @Test
    void anExpiredEridIsRefusedWith409() throws Exception {
        accepted(post(body(0, 2, 4, "\"professional_email\"", null)));
        registry.markExpired("acme", ERID, clock.instant());

        ApiResponse refused = post(body(2, 2, 4, "\"professional_email\"", null));

        assertEquals(409, refused.status());
        assertEquals("erid_expired", JSON.readTree(refused.body()).get("code").asText());
    }

    @Test
    void aChunkResentAfterCompletionIsAcknowledgedWithoutPublishing() throws Exception {
        accepted(post(body(0, 4, 4, "\"professional_email\"", null)));
        registry.markCompleted("acme", ERID, clock.instant(), Map.of());
        int published = publisher.published.size();

        assertEquals(202, post(body(0, 4, 4, "\"professional_email\"", null)).status());
        assertEquals(published, publisher.published.size());
        assertEquals(EridLifecycle.COMPLETED, registry.get("acme", ERID).orElseThrow().lifecycle());
    }

    @Test
    void aCallbackUrlThePolicyRefusesIs400OnCallbackUrl() throws Exception {
        ApiResponse refused = post(body(0, 2, 4, "\"professional_email\"", "https://10.0.0.1/hook"));

        assertEquals(400, refused.status());
        JsonNode error = JSON.readTree(refused.body());
        assertEquals("callback_url", error.get("field").asText());
        assertTrue(error.get("error").asText().contains("private"), error.toString());
        assertTrue(registry.get("acme", ERID).isEmpty(), "nothing is registered");
    }

    @Test
    void theTenantsDefaultCallbackUrlIsRecordedWhenTheFirstPostNamesNone() throws Exception {
        IngestHandler withDefault = new IngestHandler(publisher, IngestLimits.defaults(), IngestAdmission.UNLIMITED,
                new ContractGate(registry, clock, url -> Optional.empty(), tenant -> "https://hooks.example.com/" + tenant));
        ApiRequest first = new ApiRequest("POST", IngestHandler.PATH, null, Map.of(),
                body(0, 2, 4, "\"professional_email\"", null).getBytes(StandardCharsets.UTF_8), "test", "acme");
        assertEquals(202, withDefault.handle(first).status());
        assertEquals("https://hooks.example.com/acme", registry.get("acme", ERID).orElseThrow().contract().callbackUrl());
        assertEquals(202, withDefault.handle(first).status(), "a later POST without callback_url agrees with the default");
    }

    @Test
    void metadataIsKeptAsTheClientsJsonObject() throws Exception {
        String body = body(0, 2, 4, "\"professional_email\"", null).replace("\"offset\"", "\"metadata\": {\"campaign\": \"q4\", \"n\": 3}, \"offset\"");
        accepted(post(body));
        assertEquals("{\"campaign\":\"q4\",\"n\":3}", registry.get("acme", ERID).orElseThrow().contract().metadataJson());
        ApiException tooBig = assertThrows(ApiException.class, () -> new IngestRequestParser(IngestLimits.defaults()).parse(
                body(0, 1, 4, "\"professional_email\"", null).replace("\"offset\"",
                        "\"metadata\": {\"x\": \"" + "y".repeat(5000) + "\"}, \"offset\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorCode.INVALID_FIELD, tooBig.error().code());
        assertEquals("metadata", tooBig.error().field());
    }

    private ApiResponse post(String body) {
        ApiRequest request = new ApiRequest("POST", IngestHandler.PATH, null, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), "test", "acme");
        try {
            return handler.handle(request);
        } catch (ApiException e) {
            return e.error().toResponse();
        }
    }

    private static JsonNode accepted(ApiResponse response) throws Exception {
        assertEquals(202, response.status(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    private static String body(int offset, int count, int total, String field, String callbackUrl) {
        StringBuilder contacts = new StringBuilder();
        for (int i = 0; i < count; i++) {
            contacts.append(i == 0 ? "" : ",").append("{\"full_name\": \"Person ").append(offset + i).append("\"}");
        }
        return "{\"erid\": \"" + ERID + "\", \"contact_list\": [" + contacts + "], \"fields_to_be_enriched\": [" + field + "],"
                + " \"number_of_records\": " + total + (callbackUrl == null ? "" : ", \"callback_url\": \"" + callbackUrl + "\"")
                + ", \"offset\": " + offset + "}";
    }
}
