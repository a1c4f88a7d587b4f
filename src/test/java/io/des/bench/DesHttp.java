package io.des.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The DES APIs as a client calls them, over HTTP on the loopback interface. */
final class DesHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String apiKey;

    /** A client of local mode's open tenant (no API key). */
    DesHttp(int port) {
        this(port, null);
    }

    /** A client that sends {@code apiKey} as a bearer token, or none when null. */
    DesHttp(int port, String apiKey) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.apiKey = apiKey;
    }

    /** POSTs contacts {@code offset .. offset+count-1} of an ERID of {@code total}; fails unless 202. */
    void postChunk(String erid, long offset, int count, long total) throws IOException, InterruptedException {
        postChunk(erid, offset, count, total, "");
    }

    /**
     * As {@link #postChunk(String, long, int, long)}, with {@code namePrefix} before every name, so
     * that ERIDs with different prefixes share no lookup (none is answered from the lookup cache).
     */
    void postChunk(String erid, long offset, int count, long total, String namePrefix)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("erid", erid);
        ArrayNode contacts = body.putArray("contact_list");
        for (long i = offset; i < offset + count; i++) {
            contacts.addObject()
                    .put("first_name", namePrefix + "First" + i)
                    .put("last_name", namePrefix + "Last" + i)
                    .put("company_name", "Company " + (i % 500));
        }
        ArrayNode fields = body.putArray("fields_to_be_enriched");
        SyntheticContacts.FIELDS.forEach(fields::add);
        body.put("number_of_records", total);
        body.put("offset", offset);
        HttpResponse<String> response = http.send(request("/v2/enriched_data")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .timeout(Duration.ofMinutes(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("POST answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** POSTs a prepared body and returns the status, whatever it is. */
    int post(byte[] body) throws IOException, InterruptedException {
        return http.send(request("/v2/enriched_data")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET of one page; {@code query} is everything after {@code erid=…&}. */
    JsonNode get(String erid, String query) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request("/v2/enriched_data?erid=" + erid + "&" + query)
                        .timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /**
     * Returns once a 1-record probe ERID is completed: the API is up before the job, and a
     * scenario's clock must not include the job's start.
     */
    void awaitJobRunning() throws IOException, InterruptedException {
        String probe = java.util.UUID.randomUUID().toString();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        postChunk(probe, 0, 1, 1, "probe");
        while (!"completed".equals(get(probe, "page_size=1").path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("local DES did not complete a 1-record ERID in 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery));
        return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }
}
