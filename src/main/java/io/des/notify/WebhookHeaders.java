package io.des.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The three Standard Webhooks headers of one delivery attempt.
 *
 * @param id {@code webhook-id}: the event's id, the same on every attempt (receivers dedupe on it)
 * @param timestamp {@code webhook-timestamp}: unix seconds of this attempt
 * @param signature {@code webhook-signature}: one {@code v1,<base64>} per secret, space-separated
 */
public record WebhookHeaders(String id, long timestamp, String signature) {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    public WebhookHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(signature, "signature");
    }

    /** The headers by name, in the spec's order. */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(TIMESTAMP, Long.toString(timestamp));
        headers.put(SIGNATURE, signature);
        return headers;
    }
}
