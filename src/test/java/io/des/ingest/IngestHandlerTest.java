package io.des.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP contract of {@code POST /v2/enriched_data}, over a real server and client. */
class IngestHandlerTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final int MAX_BODY = 64 * 1024;
    private static final int MAX_CONTACTS = 5;
    private static final long MAX_RECORDS = 1000;
    // 23:30 in UTC is already the next day in Asia/Tokyo: the request date must follow UTC.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T23:30:00Z"), ZoneId.of("Asia/Tokyo"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final InMemoryPublisher publisher = new InMemoryPublisher();
    private static HttpServer server;
    private static HttpClient client;
    private static URI endpoint;

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(IngestHandler.PATH,
                new IngestHandler(publisher, CLOCK, new IngestLimits(MAX_BODY, MAX_CONTACTS, MAX_RECORDS)));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + IngestHandler.PATH);
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @BeforeEach
    void resetPublisher() {
        publisher.published.clear();
        publisher.failure = null;
    }

    @Test
    void validPostIsAcceptedWithOneNormalisedRecordPerContact() throws Exception {
        HttpResponse<String> response = post("""
                {"erid": "3C3F4B80-F728-4D7C-8567-1BC01DF5F0A1",
                 "contact_list": [{"First Name": "Ada", "last name": "Lovelace", "company-domain": "example.com"},
                                  {"email": " grace@example.com ", "city": null, "country": "  "}],
                 "fields_to_be_enriched": ["phone number", "Job-Title"],
                 "number_of_records": 10,
                 "offset": 4}""");

        assertEquals(202, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(ERID, body.get("erid").textValue());
        assertEquals(2, body.get("accepted_records").intValue());
        assertEquals("/v2/enriched_data?erid=" + ERID + "&start_date=2026-03-14&end_date=2026-03-14",
                body.get("status_url").textValue());
        assertEquals(List.of(
                        new ContactRecord(TenantIds.DEFAULT, ERID, 4, "2026-03-14", 10, List.of("phone_number", "job_title"),
                                Map.of("first_name", "Ada", "last_name", "Lovelace", "company_domain", "example.com")),
                        new ContactRecord(TenantIds.DEFAULT, ERID, 5, "2026-03-14", 10, List.of("phone_number", "job_title"),
                                Map.of("email", "grace@example.com"))),
                publisher.published);
    }

    @Test
    void offsetDefaultsToZero() throws Exception {
        HttpResponse<String> response = post(validBody(null, 3));

        assertEquals(202, response.statusCode(), response.body());
        assertEquals(List.of(0L, 1L, 2L), publisher.published.stream().map(r -> r.recordIndex).toList());
    }

    @Test
    void fieldsRepeatedAfterNormalisationAreDeduplicated() throws Exception {
        HttpResponse<String> response = post("""
                {"erid": "%s", "contact_list": [{"email": "a@example.com"}],
                 "fields_to_be_enriched": ["phone number", "Phone-Number", "phone_number", "seniority"],
                 "number_of_records": 1}""".formatted(ERID));

        assertEquals(202, response.statusCode(), response.body());
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
                        "contact_list[1]", "no non-blank attribute"),
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
    void badRequestIsRejectedWith400NamingTheProblem(String name, String body, String field, String messagePart) throws Exception {
        HttpResponse<String> response = post(body);

        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body());
        assertEquals(field, error.hasNonNull("field") ? error.get("field").textValue() : null, response.body());
        assertTrue(error.get("error").textValue().contains(messagePart), response.body());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void serviceKeepsWorkingAfterBadRequests() throws Exception {
        for (String bad : List.of("", "{", "[]", "{\"erid\": 1}")) {
            assertEquals(400, post(bad).statusCode());
        }

        assertEquals(202, post(validBody(0L, 1)).statusCode());
        assertEquals(1, publisher.published.size());
    }

    @Test
    void tooManyContactsIsRejectedWith413() throws Exception {
        HttpResponse<String> response = post(validBody(0L, MAX_CONTACTS + 1));

        assertEquals(413, response.statusCode());
        assertEquals("contact_list", JSON.readTree(response.body()).get("field").textValue());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void oversizedBodyIsRejectedWith413() throws Exception {
        HttpResponse<String> response = post(oversizedBody());

        assertEquals(413, response.statusCode());
        assertTrue(JSON.readTree(response.body()).get("error").textValue().contains("exceeds " + MAX_BODY + " bytes"));
    }

    @Test
    void oversizedChunkedBodyWithoutContentLengthIsRejectedWith413() throws Exception {
        byte[] body = oversizedBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        assertEquals(413, client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(202, post(validBody(0L, 1)).statusCode());
    }

    @Test
    void nonJsonContentTypeIsRejectedWith415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(validBody(0L, 1))));

        assertEquals(415, response.statusCode());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void jsonContentTypeWithCharsetIsAccepted() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(validBody(0L, 1))));

        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void otherMethodsAreRejectedWith405() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint).PUT(HttpRequest.BodyPublishers.ofString(validBody(0L, 1))));

        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void pathsBelowTheEndpointAreNotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(endpoint + "/extra"))
                .POST(HttpRequest.BodyPublishers.ofString(validBody(0L, 1))));

        assertEquals(404, response.statusCode());
        assertTrue(publisher.published.isEmpty());
    }

    @Test
    void publishFailureIs503AndTheSameRequestCanBeResent() throws Exception {
        publisher.failure = new PublishException("stream throttled");

        HttpResponse<String> failed = post(validBody(0L, 2));

        assertEquals(503, failed.statusCode());
        JsonNode error = JSON.readTree(failed.body());
        assertTrue(error.get("error").textValue().contains("resend"), failed.body());
        assertFalse(failed.body().contains("stream throttled"), "internal details stay in the log");

        publisher.failure = null;
        assertEquals(202, post(validBody(0L, 2)).statusCode());
        assertEquals(2, publisher.published.size());
    }

    @Test
    void contactTooLargeToPublishIsRejectedWith413NamingIt() throws Exception {
        publisher.failure = new RecordTooLargeException(7, 2_000_000);

        HttpResponse<String> response = post(validBody(6L, 2));

        assertEquals(413, response.statusCode());
        assertEquals("contact_list[1]", JSON.readTree(response.body()).get("field").textValue());
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

    private static HttpResponse<String> post(String body) throws Exception {
        return send(HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
