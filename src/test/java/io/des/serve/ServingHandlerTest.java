package io.des.serve;

import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.ApiRequests;
import io.des.model.FieldCounts;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.model.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The serving API called as the router does, over a real DuckDB engine and real Parquet partitions. */
class ServingHandlerTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String INCOMPLETE_ERID = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
    private static final String UNKNOWN_ERID = "00000000-0000-4000-8000-000000000000";
    private static final String TENANT = "acme";
    /** "Today" for the default date range: 2024-02-11 (UTC). */
    private static final long PHONES_FOUND = java.util.stream.LongStream.range(0, 25)
            .filter(index -> EnrichedDataFixture.expectedPhone(index) != null).count();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-11T23:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final InMemoryEridRegistry registry = new InMemoryEridRegistry();
    private DuckDbQueryEngine engine;
    private ServingHandler handler;

    @BeforeEach
    void openEngine() throws IOException {
        EnrichedDataFixture fixture = new EnrichedDataFixture(root, TENANT);
        fixture.completed("2024-02-09", ERID, 25, 3);
        fixture.incomplete("2024-02-10", INCOMPLETE_ERID, 8, 0, 1, 2);
        RegistryFixtures.completed(registry, TENANT, ERID, 25, "2024-02-09", Map.of(
                "phone_number", new FieldCounts(PHONES_FOUND, 25 - PHONES_FOUND, 0, 25), "job_title", new FieldCounts(0, 25, 0, 25)));
        RegistryFixtures.receiving(registry, TENANT, INCOMPLETE_ERID, 8, "2024-02-10", 3);
        registry.recordReceived(TENANT, INCOMPLETE_ERID, 7);
        engine = new DuckDbQueryEngine(root);
        handler = new ServingHandler(engine, registry, CLOCK);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void completedEridIsServedPageByPage() throws Exception {
        JsonNode first = getOk("/v2/enriched_data?erid=" + ERID + "&start_date=2024-02-08&end_date=2024-02-11&page_size=10");
        assertEquals(ERID, first.get("erid").asText());
        assertEquals("completed", first.get("status").asText());
        assertEquals(1, first.get("page").asInt());
        assertEquals(10, first.get("page_size").asInt());
        assertEquals(3, first.get("number_of_pages").asInt());
        assertEquals(2, first.get("next_page").asInt());
        assertEquals(25, first.get("progress").get("records_committed").asLong());
        assertEquals(25, first.get("progress").get("number_of_records").asLong());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), recordIndexes(first));
        assertEquals(EnrichedDataFixture.expectedFirstName(4), first.get("data").get(4).get("first_name").asText());

        JsonNode last = getOk("/v2/enriched_data?erid=" + ERID + "&start_date=2024-02-08&end_date=2024-02-11&page=3&page_size=10");
        assertEquals(List.of(20L, 21L, 22L, 23L, 24L), recordIndexes(last));
        assertTrue(last.get("next_page").isNull(), "no next page after the last one");

        JsonNode pastTheEnd = getOk("/v2/enriched_data?erid=" + ERID + "&start_date=2024-02-08&end_date=2024-02-11&page=4&page_size=10");
        assertEquals(0, pastTheEnd.get("data").size());
        assertTrue(pastTheEnd.get("next_page").isNull());
    }

    @Test
    void completedEridReportsHowEachRequestedFieldFaredAsTheJobRecordedIt() throws Exception {
        JsonNode fields = getOk("/v2/enriched_data?erid=" + ERID + "&page_size=10").get("progress").get("fields");

        assertEquals(PHONES_FOUND, fields.get("phone_number").get("found").asLong());
        assertEquals(25 - PHONES_FOUND, fields.get("phone_number").get("not_found").asLong());
        assertEquals(25, fields.get("phone_number").get("of").asLong());
        assertEquals(0, fields.get("job_title").get("found").asLong());
        assertEquals(25, fields.get("job_title").get("of").asLong());
    }

    @Test
    void requestedFieldNotFoundIsReturnedAsNull() throws Exception {
        JsonNode body = getOk("/v2/enriched_data?erid=" + ERID + "&page_size=2");

        JsonNode notFound = body.get("data").get(1);
        assertTrue(notFound.has("phone_number") && notFound.get("phone_number").isNull());
        assertEquals("not_found", notFound.get("field_status").get("phone_number").asText());
    }

    @Test
    void datesDefaultToTheWeekEndingToday() throws Exception {
        assertEquals("completed", getOk("/v2/enriched_data?erid=" + ERID).get("status").asText());

        EnrichedDataFixture fixture = new EnrichedDataFixture(root, TENANT);
        String older = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d";
        fixture.completed(LocalDate.of(2024, 2, 11).minusDays(8).toString(), older, 2, 1);
        RegistryFixtures.completed(registry, TENANT, older, 2, LocalDate.of(2024, 2, 11).minusDays(8).toString());
        assertEquals("inexistent", getOk("/v2/enriched_data?erid=" + older).get("status").asText());
        assertEquals("completed",
                getOk("/v2/enriched_data?erid=" + older + "&start_date=2024-02-03").get("status").asText());
    }

    @Test
    void incompleteEridReportsProgressButNoData() throws Exception {
        JsonNode body = getOk("/v2/enriched_data?erid=" + INCOMPLETE_ERID);
        assertTrue(!body.get("progress").has("fields"), "per-field counts only once the ERID is complete");

        assertEquals("incomplete", body.get("status").asText());
        assertEquals(0, body.get("data").size());
        assertEquals(0, body.get("number_of_pages").asInt());
        assertTrue(body.get("next_page").isNull());
        assertEquals(3, body.get("progress").get("records_committed").asLong());
        assertEquals(8, body.get("progress").get("number_of_records").asLong());
        assertEquals(4, body.get("progress").get("records_waiting").asLong(), "7 taken in by the job, 3 committed");
    }

    @Test
    void recordsWaitingIsNeverNegativeAndOnlyShownWhileInProgress() throws Exception {
        String reportedLate = "8a2d3e4f-5b6c-4d7e-9f0a-1b2c3d4e5f60";
        RegistryFixtures.receiving(registry, TENANT, reportedLate, 8, "2024-02-10", 5);
        registry.recordReceived(TENANT, reportedLate, 4);

        assertEquals(0, getOk("/v2/enriched_data?erid=" + reportedLate + "&start_date=2024-02-10")
                .at("/progress/records_waiting").asLong(), "the received count arrives later than a commit at worst");
        assertFalse(getOk("/v2/enriched_data?erid=" + ERID).get("progress").has("records_waiting"));
    }

    @Test
    void unknownEridIsInexistentWithUnknownTotal() throws Exception {
        JsonNode body = getOk("/v2/enriched_data?erid=" + UNKNOWN_ERID);

        assertEquals("inexistent", body.get("status").asText());
        assertEquals(0, body.get("data").size());
        assertEquals(0, body.get("progress").get("records_committed").asLong());
        assertTrue(body.get("progress").get("number_of_records").isNull());
    }

    @Test
    void upperCaseEridIsServedAsItsCanonicalForm() throws Exception {
        JsonNode body = getOk("/v2/enriched_data?erid=" + ERID.toUpperCase());

        assertEquals(ERID, body.get("erid").asText());
        assertEquals("completed", body.get("status").asText());
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "                                                                              | erid",
        "erid=                                                                         | erid",
        "erid=..%2F..%2Fetc                                                            | erid",
        "erid=../../etc                                                                | erid",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1%27%20OR%20%271%27=%271              | erid",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&erid=7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f | erid",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&start_date=2024-13-01                | start_date",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&end_date=yesterday                   | end_date",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&end_date=%2B99999-01-01              | end_date",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&start_date=2024-02-11&end_date=2024-02-08 | start_date",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&start_date=2023-11-01&end_date=2024-02-11 | start_date",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&page=0                               | page",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&page=two                             | page",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&page_size=0                          | page_size",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&page_size=10001                      | page_size",
        "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1&page_size=99999999999                | page_size",
    })
    void badParameterIsRefusedNamingIt(String query, String parameter) throws Exception {
        ApiResponse response = get(query);

        assertEquals(400, response.status(), text(response));
        JsonNode body = json(response);
        assertEquals("invalid_parameter", body.get("code").asText());
        assertEquals(parameter, body.get("parameter").asText());
        assertTrue(body.get("error").asText().contains(parameter), body.get("error").asText());

        assertEquals("completed", getOk("/v2/enriched_data?erid=" + ERID).get("status").asText(),
                "the server still answers after a bad request");
    }

    @Test
    void aCompletedEridWithoutItsPublishedPartitionIsAFailureNotAnEmptyAnswer() {
        String lost = "6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
        RegistryFixtures.completed(registry, TENANT, lost, 3, "2024-02-10");

        ApiResponse response = get("erid=" + lost);

        assertEquals(500, response.status(), text(response));
        assertEquals("internal_error", json(response).get("code").asText());
    }

    @Test
    void anExpiredEridAnswersExpiredWithTheProgressItReachedAndNoRows() throws Exception {
        String expired = "5b0e7a34-1f2d-4c3b-9a8e-6d5c4b3a2f10";
        RegistryFixtures.receiving(registry, TENANT, expired, 10, "2024-02-10", 4);
        registry.markExpired(TENANT, expired, Instant.parse("2024-02-11T00:00:00Z"));

        JsonNode body = getOk("/v2/enriched_data?erid=" + expired);

        assertEquals("expired", body.get("status").asText());
        assertEquals(4, body.at("/progress/records_committed").asLong());
        assertEquals(10, body.at("/progress/number_of_records").asLong());
        assertEquals(0, body.get("data").size());
        assertEquals(0, body.get("number_of_pages").asLong());
    }

    @Test
    void anotherTenantsEridAnswersExactlyAsAMissingOne() {
        String theirs = "/v2/enriched_data?erid=" + ERID + "&start_date=2024-02-08&end_date=2024-02-11";
        String missing = "/v2/enriched_data?erid=" + UNKNOWN_ERID + "&start_date=2024-02-08&end_date=2024-02-11";
        ApiResponse asGlobex = ApiRequests.answer(handler, ApiRequests.get(ServingHandler.PATH, theirs.substring(theirs.indexOf('?') + 1), "globex"));
        ApiResponse missingForAcme = get(missing.substring(missing.indexOf('?') + 1));
        assertEquals(200, asGlobex.status());
        assertEquals(text(missingForAcme).replace(UNKNOWN_ERID, ERID), text(asGlobex),
                "globex sees acme's ERID exactly as acme sees an ERID that does not exist");
    }

    private JsonNode getOk(String pathAndQuery) {
        ApiResponse response = get(pathAndQuery.substring(pathAndQuery.indexOf('?') + 1));
        assertEquals(200, response.status(), text(response));
        return json(response);
    }

    private ApiResponse get(String rawQuery) {
        return ApiRequests.answer(handler, ApiRequests.get(ServingHandler.PATH, rawQuery, TENANT));
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static List<Long> recordIndexes(JsonNode body) {
        List<Long> indexes = new ArrayList<>();
        body.get("data").forEach(row -> indexes.add(row.get("record_index").asLong()));
        return indexes;
    }
}
