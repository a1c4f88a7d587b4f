package io.des.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import io.des.model.ApiRequests;
import io.des.model.ApiResponse;
import io.des.model.ContactRecord;
import io.des.model.ErrorCode;
import io.des.registry.InMemoryEridRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The contract of {@code POST /v2/enriched_data}, calling the handler as the router does. */
class IngestHandlerTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String TENANT = "acme";
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_CONTACTS = 5;
    private static final long MAX_RECORDS = 1000;
    // 23:30 in UTC is already the next day in Asia/Tokyo: the request date must follow UTC.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T23:30:00Z"), ZoneId.of("Asia/Tokyo"));

    private final InMemoryPublisher publisher = new InMemoryPublisher();
    private final RecordingAdmission admission = new RecordingAdmission();
    private final InMemoryEridRegistry registry = new InMemoryEridRegistry();
    private final IngestHandler handler = new IngestHandler(publisher, new IngestLimits(MAX_BODY, MAX_CONTACTS, MAX_RECORDS),
            admission, new ContractGate(registry, CLOCK, url -> Optional.empty(), tenant -> null));

    @Test
    void validPostIsAcceptedWithOneNormalisedRecordPerContact() {
        ApiResponse response = post("""
                {"erid": "3C3F4B80-F728-4D7C-8567-1BC01DF5F0A1",
                 "contact_list": [{"First Name": "Ada", "last name": "Lovelace", "company-domain": "example.com"},
                                  {"email": " grace@example.com ", "city": null, "country": "  "}],
                 "fields_to_be_enriched": ["phone number", "Job-Title"],
                 "number_of_records": 10,
                 "offset": 4}""");

        assertEquals(202, response.status(), text(response));
        JsonNode body = json(response);
        assertEquals(ERID, body.get("erid").textValue());
        assertEquals(2, body.get("accepted_records").intValue());
        assertEquals("/v2/enriched_data?erid=" + ERID + "&start_date=2026-03-14&end_date=2026-03-14",
                body.get("status_url").textValue());
        assertEquals(List.of(
                        weighed(new ContactRecord(TENANT, ERID, 4, "2026-03-14", 10, List.of("phone_number", "job_title"),
                                Map.of("first_name", "Ada", "last_name", "Lovelace", "company_domain", "example.com"))),
                        weighed(new ContactRecord(TENANT, ERID, 5, "2026-03-14", 10, List.of("phone_number", "job_title"),
                                Map.of("email", "grace@example.com")))),
                publisher.published);
    }

    @Test
    void everyRecordCarriesTheTenantsEnrichmentWeightForTheJobsScheduler() {
        admission.enrichmentWeight = 7;

        assertEquals(202, post(validBody(0L, 3)).status());

        assertEquals(List.of(7, 7, 7), publisher.published.stream().map(r -> r.enrichmentWeight).toList());
    }

    private static ContactRecord weighed(ContactRecord record) {
        record.enrichmentWeight = 1;
        return record;
    }

    @Test
    void offsetDefaultsToZero() {
        ApiResponse response = post(validBody(null, 3));

        assertEquals(202, response.status(), text(response));
        assertEquals(List.of(0L, 1L, 2L), publisher.published.stream().map(r -> r.recordIndex).toList());
    }

    @Test
    void fieldsRepeatedAfterNormalisationAreDeduplicated() {
        ApiResponse response = post("""
                {"erid": "%s", "contact_list": [{"email": "a@example.com"}],
                 "fields_to_be_enriched": ["phone number", "Phone-Number", "phone_number", "seniority"],
                 "number_of_records": 1}""".formatted(ERID));

        assertEquals(202, response.status(), text(response));
        assertEquals(List.of("phone_number", "seniority"), publisher.published.get(0).fieldsToEnrich);
    }

    static Stream<Arguments> badRequests() {
        String contacts = "\"contact_list\": [{\"email\": \"a@example.com\"}]";
        String fields = "\"fields_to_be_enriched\": [\"phone_number\"]";
        String erid = "\"erid\": \"" + ERID + "\"";
        String number = "\"number_of_records\": 10";
        return Stream.of(
                Arguments.of("empty body", "", null, "empty"),
                Arguments.of("not JSON", "erid=1", null, "not valid JSON"),
                Arguments.of("trailing garbage", "{" + erid + "} x", null, "not valid JSON"),
                Arguments.of("not an object", "[1, 2]", null, "must be a JSON object"),
                Arguments.of("missing erid", body(contacts, fields, number), "erid", "erid is required"),
                Arguments.of("erid not a UUID", body("\"erid\": \"../../etc\"", contacts, fields, number), "erid", "UUID"),
                Arguments.of("erid a number", body("\"erid\": 7", contacts, fields, number), "erid", "UUID"),
                Arguments.of("missing contact_list", body(erid, fields, number), "contact_list", "non-empty array"),
                Arguments.of("empty contact_list", body(erid, "\"contact_list\": []", fields, number), "contact_list", "non-empty array"),
                Arguments.of("contact not an object", body(erid, "\"contact_list\": [\"a@example.com\"]", fields, number),
                        "contact_list[0]", "must be an object"),
                Arguments.of("contact value a number", body(erid, "\"contact_list\": [{\"email\": \"a@b.c\"}, {\"city\": 5}]", fields, number),
                        "contact_list[1].city", "must be a string or null"),
                Arguments.of("unknown contact key", body(erid, "\"contact_list\": [{\"shoe size\": \"42\"}]", fields, number),
                        "contact_list[0].shoe size", "unknown contact attribute 'shoe size'; allowed: [first_name"),
                Arguments.of("contact keys colliding after normalisation",
                        body(erid, "\"contact_list\": [{\"last name\": \"A\", \"last_name\": \"B\"}]", fields, number),
                        "contact_list[0].last_name", "normalise to 'last_name'"),
                Arguments.of("contact without usable attribute",
                        body(erid, "\"contact_list\": [{\"email\": \"a@b.c\"}, {\"email\": null, \"city\": \" \"}]", fields, number),
                        "contact_list[1]", "no non-blank attribute to look up"),
                Arguments.of("contact with only its source key",
                        body(erid, "\"contact_list\": [{\"email\": \"a@b.c\"}, {\"source_key\": \"row-7\"}]", fields, number),
                        "contact_list[1]", "no non-blank attribute to look up"),
                Arguments.of("missing fields", body(erid, contacts, number), "fields_to_be_enriched", "non-empty array"),
                Arguments.of("empty fields", body(erid, contacts, "\"fields_to_be_enriched\": []", number),
                        "fields_to_be_enriched", "non-empty array"),
                Arguments.of("field not a string", body(erid, contacts, "\"fields_to_be_enriched\": [\"seniority\", 3]", number),
                        "fields_to_be_enriched[1]", "must be a string"),
                Arguments.of("unknown field", body(erid, contacts, "\"fields_to_be_enriched\": [\"salary\"]", number),
                        "fields_to_be_enriched[0]", "unknown field 'salary'; allowed: [professional_email"),
                Arguments.of("missing number_of_records", body(erid, contacts, fields), "number_of_records", "required"),
                Arguments.of("zero number_of_records", body(erid, contacts, fields, "\"number_of_records\": 0"),
                        "number_of_records", "positive integer"),
                Arguments.of("fractional number_of_records", body(erid, contacts, fields, "\"number_of_records\": 1.5"),
                        "number_of_records", "positive integer"),
                Arguments.of("textual number_of_records", body(erid, contacts, fields, "\"number_of_records\": \"10\""),
                        "number_of_records", "positive integer"),
                Arguments.of("number_of_records over the limit", body(erid, contacts, fields, "\"number_of_records\": 1001"),
                        "number_of_records", "exceeds the limit of 1000"),
                Arguments.of("negative offset", body(erid, contacts, fields, number, "\"offset\": -1"), "offset", "non-negative"),
                Arguments.of("offset past the end", body(erid, "\"contact_list\": [{\"email\": \"a@b.c\"}, {\"email\": \"d@e.f\"}]",
                        fields, number, "\"offset\": 9"), "offset", "offset 9 + 2 contacts = 11 exceeds number_of_records 10"),
                Arguments.of("unknown top-level member", body(erid, contacts, fields, number, "\"ofset\": 2"), "ofset",
                        "unknown member(s) [ofset]"),
                Arguments.of("duplicate member", body(erid, erid, contacts, fields, number), null, "Duplicate field 'erid'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRejectedWith400NamingTheProblem(String name, String body, String field, String messagePart) {
        ApiResponse response = post(body);

        assertEquals(400, response.status(), text(response));
        JsonNode error = json(response);
        assertEquals(field, error.hasNonNull("field") ? error.get("field").textValue() : null, text(response));
        // Without a member at fault, the body as a whole is not a JSON object.
        assertEquals(field == null ? "invalid_json" : "invalid_field", error.get("code").textValue(), text(response));
        assertTrue(error.get("error").textValue().contains(messagePart), text(response));
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void serviceKeepsWorkingAfterBadRequests() {
        for (String bad : List.of("", "{", "[]", "{\"erid\": 1}")) {
            assertEquals(400, post(bad).status());
        }

        assertEquals(202, post(validBody(0L, 1)).status());
        assertEquals(1, publisher.published.size());
    }

    @Test
    void tooManyContactsIsRejectedWith413() {
        ApiResponse response = post(validBody(0L, MAX_CONTACTS + 1));

        assertEquals(413, response.status());
        assertEquals("too_many_contacts", json(response).get("code").textValue());
        assertEquals("contact_list", json(response).get("field").textValue());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void oversizedBodyIsRejectedWith413() {
        ApiResponse response = post(oversizedBody());

        assertEquals(413, response.status());
        assertEquals("body_too_large", json(response).get("code").textValue());
        assertTrue(json(response).get("error").textValue().contains("exceeds " + MAX_BODY + " bytes"));
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void nonJsonContentTypeIsRejectedWith415() {
        ApiResponse response = post(validBody(0L, 1), "text/plain");

        assertEquals(415, response.status());
        assertEquals("unsupported_media_type", json(response).get("code").textValue());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void jsonContentTypeWithCharsetIsAccepted() {
        ApiResponse response = post(validBody(0L, 1), "application/json; charset=utf-8");

        assertEquals(202, response.status(), text(response));
    }

    @Test
    void bodyWithoutContentTypeIsAccepted() {
        ApiResponse response = post(validBody(0L, 1), null);

        assertEquals(202, response.status(), text(response));
    }

    @Test
    void publishFailureIs503AndTheSameRequestCanBeResent() {
        publisher.failure = new PublishException("stream throttled");

        ApiResponse failed = post(validBody(0L, 2));

        assertEquals(503, failed.status());
        JsonNode error = json(failed);
        assertEquals("storage_unavailable", error.get("code").textValue());
        assertTrue(error.get("error").textValue().contains("resend"), text(failed));
        assertFalse(text(failed).contains("stream throttled"), "internal details stay in the log");

        publisher.failure = null;
        assertEquals(202, post(validBody(0L, 2)).status());
        assertEquals(2, publisher.published.size());
    }

    @Test
    void contactTooLargeToPublishIsRejectedWith413NamingIt() {
        publisher.failure = new RecordTooLargeException(7, 2_000_000);

        ApiResponse response = post(validBody(6L, 2));

        assertEquals(413, response.status());
        assertEquals("record_too_large", json(response).get("code").textValue());
        assertEquals("contact_list[1]", json(response).get("field").textValue());
    }

    @Test
    void admissionSeesTheTenantAndTheParsedChunkBeforeAnythingIsPublished() {
        admission.onAdmit = chunk -> assertTrue(publisher.published.isEmpty(), "admitted before publishing");

        assertEquals(202, post(validBody(3L, 2)).status());

        assertEquals(List.of(TENANT), admission.tenants);
        assertEquals(3L, admission.chunks.get(0).offset());
        assertEquals(0, admission.cancelled);
    }

    @Test
    void admissionRefusalIsTheAnswerAndNothingIsPublished() {
        admission.onAdmit = chunk -> {
            throw new ApiException(ApiError.limit(ErrorCode.RECORDS_PER_DAY_LIMIT, "records_per_day", "at most 10 a day"));
        };

        ApiResponse response = post(validBody(0L, 2));

        assertEquals(429, response.status());
        assertEquals("records_per_day", json(response).get("limit").textValue());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void badBodyIsRefusedBeforeAdmission() {
        assertEquals(400, post("{}").status());

        assertTrue(admission.tenants.isEmpty(), "a chunk that does not parse reserves nothing");
    }

    @Test
    void reservationIsCancelledWhenPublishingFails() {
        publisher.failure = new PublishException("stream throttled");

        assertEquals(503, post(validBody(0L, 2)).status());

        assertEquals(1, admission.cancelled);
    }

    @Test
    void reservationIsCancelledWhenAContactIsTooLargeToPublish() {
        publisher.failure = new RecordTooLargeException(1, 2_000_000);

        assertEquals(413, post(validBody(0L, 2)).status());

        assertEquals(1, admission.cancelled);
    }

    /** Records what it was asked and how often a reservation was given back. */
    private static final class RecordingAdmission implements IngestAdmission {
        final List<String> tenants = new ArrayList<>();
        final List<IngestRequest> chunks = new ArrayList<>();
        Consumer<IngestRequest> onAdmit = chunk -> { };
        int cancelled;
        int enrichmentWeight = 1;

        @Override
        public Reservation admit(String tenant, IngestRequest request) {
            tenants.add(tenant);
            chunks.add(request);
            onAdmit.accept(request);
            int weight = enrichmentWeight;
            return new Reservation() {
                @Override
                public void cancel() {
                    cancelled++;
                }

                @Override
                public int enrichmentWeight() {
                    return weight;
                }
            };
        }
    }

    private static String body(String... members) {
        return "{" + String.join(", ", members) + "}";
    }

    private static String validBody(Long offset, int contacts) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < contacts; i++) {
            list.append(i == 0 ? "" : ", ").append("{\"email\": \"c").append(i).append("@example.com\"}");
        }
        return "{\"erid\": \"" + ERID + "\", \"contact_list\": [" + list + "], \"fields_to_be_enriched\": [\"phone_number\"],"
                + " \"number_of_records\": 100" + (offset == null ? "" : ", \"offset\": " + offset) + "}";
    }

    private static String oversizedBody() {
        return "{\"erid\": \"" + ERID + "\", \"contact_list\": [{\"email\": \"" + "x".repeat(MAX_BODY) + "\"}],"
                + " \"fields_to_be_enriched\": [\"phone_number\"], \"number_of_records\": 1}";
    }

    private ApiResponse post(String body) {
        return post(body, "application/json");
    }

    private ApiResponse post(String body, String contentType) {
        Map<String, String> headers = contentType == null ? Map.of() : Map.of("Content-Type", contentType);
        return ApiRequests.answer(handler, new ApiRequest("POST", IngestHandler.PATH, null, headers,
                body.getBytes(StandardCharsets.UTF_8), "test-request", TENANT));
    }

    private static String text(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
