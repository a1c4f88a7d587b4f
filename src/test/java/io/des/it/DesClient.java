package io.des.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** The two DES APIs as a client service would call them, over real HTTP. */
final class DesClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // what the API speaks; skips the client's h2c upgrade attempt
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String apiKey;

    DesClient(int port) {
        this(port, null);
    }

    /** A client of one tenant, sending {@code apiKey} as a bearer token (null: no key). */
    DesClient(int port, String apiKey) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.apiKey = apiKey;
    }

    private HttpRequest.Builder request(String target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(target));
        return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }

    /** A POST body with contacts {@code offset .. offset+count-1} of an ERID of {@code total} records. */
    static ObjectNode chunk(String erid, long offset, int count, long total) {
        ObjectNode body = JSON.createObjectNode();
        body.put("erid", erid);
        ArrayNode contacts = body.putArray("contact_list");
        for (long i = offset; i < offset + count; i++) {
            ObjectNode contact = contacts.addObject();
            contact.put("first_name", "First" + i);
            contact.put("Last Name", "Last" + i);
            contact.put("company_name", "Company " + (i % 50));
        }
        body.putArray("fields_to_be_enriched").add("professional_email").add("phone number").add("job_title");
        body.put("number_of_records", total);
        body.put("offset", offset);
        return body;
    }

    HttpResponse<String> post(JsonNode body) throws Exception {
        return http.send(request("/v2/enriched_data")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .timeout(Duration.ofSeconds(120))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode get(String erid, String startDate, String endDate, int page, int pageSize) throws Exception {
        HttpResponse<String> response = http.send(request(
                        "/v2/enriched_data?erid=" + erid + "&start_date=" + startDate + "&end_date=" + endDate
                                + "&page=" + page + "&page_size=" + pageSize)
                        .timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A GET of any route with this client's key; answers of every status are returned. */
    HttpResponse<String> rawGet(String target) throws Exception {
        return http.send(request(target).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True once {@code GET /status} answers 200 (the job is running). */
    boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/status")).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Polls the ERID's history entry ({@code GET /v2/enrichment_requests/{erid}}: the registry's
     * view, which GET's status and progress come from, with no rows to read) until it satisfies
     * {@code done}; fails with the last answer after the timeout.
     */
    JsonNode awaitHistory(String erid, Predicate<JsonNode> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = rawGet("/v2/enrichment_requests/" + erid);
            if (answer.statusCode() == 200) {
                last = JSON.readTree(answer.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("ERID " + erid + " did not reach the expected state in " + timeout + "; last history entry: " + last);
    }

    /** Polls GET until the answer satisfies {@code done}; fails with the last answer after the timeout. */
    JsonNode awaitGet(String erid, String date, Predicate<JsonNode> done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(erid, date, date, 1, 1);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ERID " + erid + " did not reach the expected state in " + timeout + "; last answer: " + last);
    }
}
