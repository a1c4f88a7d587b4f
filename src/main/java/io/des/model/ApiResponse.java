package io.des.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers, independent of the server that sends it (the HTTP edge or the API
 * Gateway Lambda adapter). Bodies are JSON; the edge adds {@code Content-Type}, the request id and
 * compression.
 *
 * @param status the HTTP status
 * @param headers response headers; {@code Content-Type} only for a body that is not JSON
 * @param body the JSON body's bytes (UTF-8)
 */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ApiResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** {@code body} written as JSON with Jackson (records with {@code @JsonProperty}, maps, lists). */
    public static ApiResponse json(int status, Object body) {
        try {
            return new ApiResponse(status, Map.of(), JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable as JSON: " + body.getClass(), e);
        }
    }

    public ApiResponse withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    public ApiResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(more);
        return new ApiResponse(status, merged, body);
    }
}
