package io.des.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Requests as the edge hands them to handlers, and answers as the router would give them. */
public final class ApiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequests() {}

    /** A JSON POST on behalf of {@code tenant}. */
    public static ApiRequest post(String path, String body, String tenant) {
        return new ApiRequest("POST", path, null, Map.of("Content-Type", "application/json"),
                body.getBytes(StandardCharsets.UTF_8), "test-request", tenant);
    }

    /** A GET with a raw (still encoded) query, or null, on behalf of {@code tenant}. */
    public static ApiRequest get(String path, String rawQuery, String tenant) {
        return new ApiRequest("GET", path, rawQuery, Map.of(), new byte[0], "test-request", tenant);
    }

    /** The handler's answer, with an {@link ApiException} answered the way the router does. */
    public static ApiResponse answer(ApiHandler handler, ApiRequest request) {
        try {
            return handler.handle(request);
        } catch (ApiException e) {
            return e.error().toResponse();
        }
    }

    /** The body as JSON; for an error status, asserts it has {@code error} and {@code code}. */
    public static JsonNode json(ApiResponse response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.status() >= 400) {
                assertTrue(body.hasNonNull("error") && body.hasNonNull("code"),
                        "error answer without error and code: " + body);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
