package io.des.serve;

import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.ingest.IngestHandler;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import io.des.registry.DeliveryState;
import io.des.registry.EridContract;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.registry.WebhookDelivery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichmentRequestsHandlerTest {

    private static final String FIRST = "00000000-0000-4000-8000-000000000001";
    private static final String SECOND = "00000000-0000-4000-8000-000000000002";
    private static final String THIRD = "00000000-0000-4000-8000-000000000003";

    private final InMemoryEridRegistry registry = new InMemoryEridRegistry();
    private final EnrichmentRequestsHandler handler = new EnrichmentRequestsHandler(registry,
            Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC), IngestHandler::statusUrl);

    @BeforeEach
    void history() {
        registry.register(new EridContract("acme", FIRST, 10, List.of("job_title"), LocalDate.parse("2026-11-28"),
                Instant.parse("2026-11-28T09:00:00Z"), "https://hooks.example.com/des", "{\"campaign\":\"q4\"}"));
        registry.markCompleted("acme", FIRST, Instant.parse("2026-11-28T09:05:00Z"),
                Map.of("job_title", new io.des.model.FieldCounts(9, 1, 0, 10)));
        registry.outbox().enqueue(new WebhookDelivery("msg_1", "acme", FIRST, "enrichment_request.completed",
                "https://hooks.example.com/des", "{}", Instant.parse("2026-11-28T09:05:00Z"), DeliveryState.PENDING,
                Instant.parse("2026-11-28T09:05:00Z"), List.of()));
        registry.outbox().recordAttempt("msg_1", new WebhookDelivery.DeliveryAttempt(Instant.parse("2026-11-28T09:05:01Z"), "500", false),
                DeliveryState.RETRYING, Instant.parse("2026-11-28T09:05:06Z"));
        RegistryFixtures.receiving(registry, "acme", SECOND, 10, "2026-11-29", 3);
        RegistryFixtures.receiving(registry, "acme", THIRD, 5, "2026-11-30", 0);
        registry.markExpired("acme", THIRD, Instant.parse("2026-11-30T11:00:00Z"));
        RegistryFixtures.receiving(registry, "globex", FIRST, 99, "2026-11-30", 0);
    }

    @Test
    void theTenantsEridsAreListedNewestFirstAndOnlyItsOwn() {
        JsonNode page = get(null, "from=2026-11-01");
        List<String> erids = page.get("data").findValuesAsText("erid");
        assertEquals(List.of(THIRD, SECOND, FIRST), erids);
        assertEquals(List.of("expired", "incomplete", "completed"), page.get("data").findValuesAsText("status"));
        assertTrue(page.get("next_page").isNull());
    }

    @Test
    void aCompletedEntryShowsItsContractCountsMetadataAndWebhookAttempts() {
        JsonNode entry = get(FIRST, null);
        assertEquals("completed", entry.get("status").asText());
        assertEquals(10, entry.at("/progress/records_committed").asLong());
        assertEquals(9, entry.at("/progress/fields/job_title/found").asLong());
        assertEquals("q4", entry.at("/metadata/campaign").asText(), "metadata is the client's object, not a string");
        assertEquals("/v2/enriched_data?erid=" + FIRST + "&start_date=2026-11-28&end_date=2026-11-28", entry.get("status_url").asText());
        assertEquals("retrying", entry.at("/webhooks/0/state").asText());
        assertEquals("500", entry.at("/webhooks/0/attempts/0/outcome").asText());
        assertEquals(99, get(FIRST, null, "globex").get("number_of_records").asLong(), "globex's own ERID of the same id");
    }

    @Test
    void filtersAndPagesNameTheirParameters() {
        assertEquals(List.of(SECOND), get(null, "from=2026-11-01&status=incomplete").get("data").findValuesAsText("erid"));
        JsonNode first = get(null, "from=2026-11-01&page_size=2");
        assertEquals(2, first.get("data").size());
        assertEquals(2, first.get("next_page").asInt());
        assertEquals(List.of(FIRST), get(null, "from=2026-11-01&page_size=2&page=2").get("data").findValuesAsText("erid"));
        assertEquals(List.of(THIRD), get(null, "from=2026-11-30").get("data").findValuesAsText("erid"), "created on from..to");
        ApiException badStatus = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> handler.handle(request(EnrichmentRequestsHandler.PATH, "status=done", "acme")));
        assertEquals("status", badStatus.error().parameter());
    }

    @Test
    void anotherTenantsEridOrAnUnknownOneIsNotFoundAlike() {
        ApiException theirs = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                () -> handler.handle(request(EnrichmentRequestsHandler.PATH + "/" + SECOND, null, "globex")));
        assertEquals(ErrorCode.NOT_FOUND, theirs.error().code());
        assertTrue(theirs.error().message().contains(SECOND), "names only the erid the caller sent");
    }

    private JsonNode get(String erid, String query) {
        return get(erid, query, "acme");
    }

    private JsonNode get(String erid, String query, String tenant) {
        ApiResponse response = handler.handle(request(EnrichmentRequestsHandler.PATH + (erid == null ? "" : "/" + erid), query, tenant));
        assertEquals(200, response.status());
        return json(response);
    }

    private static ApiRequest request(String path, String query, String tenant) {
        return new ApiRequest("GET", path, query, Map.of(), null, "test", tenant);
    }
}
