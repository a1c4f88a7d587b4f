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

    DesHttp(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    /** POSTs contacts {@code offset .. offset+count-1} of an ERID of {@code total}; fails unless 202. */
    void postChunk(String erid, long offset, int count, long total) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("erid", erid);
        ArrayNode contacts = body.putArray("contact_list");
        for (long i = offset; i < offset + count; i++) {
            contacts.addObject()
                    .put("first_name", "First" + i)
                    .put("last_name", "Last" + i)
                    .put("company_name", "Company " + (i % 500));
        }
        ArrayNode fields = body.putArray("fields_to_be_enriched");
        SyntheticContacts.FIELDS.forEach(fields::add);
        body.put("number_of_records", total);
        body.put("offset", offset);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/v2/enriched_data"))
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
        return http.send(HttpRequest.newBuilder(base.resolve("/v2/enriched_data"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .timeout(Duration.ofMinutes(1))
                        .build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET of one page; {@code query} is everything after {@code erid=…&}. */
    JsonNode get(String erid, String query) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                                base.resolve("/v2/enriched_data?erid=" + erid + "&" + query))
                        .timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }
}
