package io.des.api;

import io.des.model.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every answer carries besides the handler's own, the same from the Jetty edge and the
 * Lambda adapter: JSON content type (unless the handler set another), the request id, and {@code no-store} (every answer is about
 * one moment of one ERID or of the service; a cache would serve a stale status).
 */
final class AnswerHeaders {

    private AnswerHeaders() {}

    static Map<String, String> of(ApiResponse answer, String requestId) {
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.putIfAbsent("Content-Type", ApiResponse.CONTENT_TYPE); // GET /metrics answers text
        headers.put("Cache-Control", "no-store");
        headers.put(RequestIds.HEADER, requestId);
        return headers;
    }
}
