package io.des.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook as Standard Webhooks 1.0 does: {@code v1,} + base64 of HMAC-SHA256(key,
 * {@code "<id>.<timestamp>.<body>"}), once per secret, space-separated, so that during a rotation a
 * receiver holding either the old or the new secret accepts the webhook.
 */
public final class WebhookSigner {

    /** The version tag of symmetric (HMAC-SHA256) signatures. */
    static final String VERSION = "v1";

    private static final String HMAC = "HmacSHA256";

    private WebhookSigner() {}

    /**
     * The headers of one attempt.
     *
     * @param secrets the tenant's secrets, current first; at least one
     * @param id the event id: printable ASCII without spaces or {@code .}, since the signed content
     *     is dot-delimited and the spec forbids dots in it
     * @param timestamp unix seconds of this attempt
     * @param body the exact bytes sent
     */
    public static WebhookHeaders sign(List<WebhookSecret> secrets, String id, long timestamp, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed to sign");
        }
        requireValidId(id);
        StringJoiner signatures = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            signatures.add(VERSION + "," + Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body)));
        }
        return new WebhookHeaders(id, timestamp, signatures.toString());
    }

    /** HMAC-SHA256 of {@code "<id>.<timestamp>.<body>"} under {@code secret}'s key. */
    static byte[] hmac(WebhookSecret secret, String id, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret.key(), HMAC));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // HmacSHA256 is required of every Java platform; a failure here is a broken runtime.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static void requireValidId(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a webhook id must not be empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~' || c == '.') {
                throw new IllegalArgumentException("a webhook id must be printable ASCII without spaces or dots: " + id);
            }
        }
    }
}
