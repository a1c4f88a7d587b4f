package io.des.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request as handlers see it, independent of the server that received it. The edge resolves the
 * tenant once (from the API key) and sets it here; nothing below the edge reads a header to learn
 * who is asking.
 *
 * @param method upper-case HTTP method
 * @param path the decoded path, e.g. {@code /v2/enriched_data}
 * @param rawQuery the query string still URL-encoded, without {@code ?}, or null
 * @param headers header names lower-cased; a repeated header's values joined with {@code ", "}
 * @param body the body's bytes, empty when none
 * @param requestId the {@code X-Request-Id} of this request (the client's or a generated one)
 * @param tenant the validated id of the calling tenant; null on routes open without a key
 */
public record ApiRequest(String method, String path, String rawQuery, Map<String, String> headers,
        byte[] body, String requestId, String tenant) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        TreeMap<String, String> lowerCased = new TreeMap<>();
        headers.forEach((name, value) -> lowerCased.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b));
        headers = java.util.Collections.unmodifiableMap(lowerCased);
        body = body == null ? new byte[0] : body;
        if (tenant != null) {
            TenantIds.requireValid(tenant);
        }
    }

    /** The header's value (name in any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** This request on behalf of {@code tenant} (a validated id). */
    public ApiRequest withTenant(String tenant) {
        return new ApiRequest(method, path, rawQuery, headers, body, requestId, tenant);
    }
}
