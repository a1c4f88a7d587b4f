package io.des.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An error answer as a value: every endpoint, the server's own refusals (413, 431, 503) and the
 * Lambda adapter render errors only through {@link #toResponse}, so every error body has the same
 * shape: {@code {"error": message, "code": word[, "field" | "parameter": name][, "limit": name]}}.
 *
 * @param code the machine-readable code; it also fixes the HTTP status
 * @param message for people; never carries a key, a secret or another tenant's data
 * @param field the body member at fault (e.g. {@code contact_list[3].city}), or null
 * @param parameter the query parameter at fault, or null
 * @param limit the tenant limit that refused the request (e.g. {@code records_per_day}), or null
 * @param headers extra response headers ({@code Retry-After}, {@code WWW-Authenticate}, {@code Allow})
 */
public record ApiError(ErrorCode code, String message, String field, String parameter, String limit,
        Map<String, String> headers) {

    public ApiError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        headers = Map.copyOf(headers);
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(code, message, null, null, null, Map.of());
    }

    /** A body member is at fault. */
    public static ApiError field(ErrorCode code, String field, String message) {
        return new ApiError(code, message, field, null, null, Map.of());
    }

    /** A query parameter is at fault ({@link ErrorCode#INVALID_PARAMETER}). */
    public static ApiError parameter(String parameter, String message) {
        return new ApiError(ErrorCode.INVALID_PARAMETER, message, null, parameter, null, Map.of());
    }

    /** A tenant limit refused the request; the message says the limit's value. */
    public static ApiError limit(ErrorCode code, String limit, String message) {
        return new ApiError(code, message, null, null, limit, Map.of());
    }

    public ApiError withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiError(code, message, field, parameter, limit, more);
    }

    public int status() {
        return code.status();
    }

    /** The one place an error becomes an answer. */
    public ApiResponse toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code.wireName());
        if (field != null) {
            body.put("field", field);
        }
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        return ApiResponse.json(code.status(), body).withHeaders(headers);
    }
}
