package io.des.notify;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a Standard Webhooks 1.0 webhook on the receiving side (for the Java client): the
 * timestamp must be within the tolerance of the receiver's clock, which stops a captured webhook
 * from being replayed later, and one {@code v1} signature must match one of the receiver's secrets,
 * compared in constant time so that response times reveal nothing about the expected signature.
 */
public final class WebhookVerifier {

    /** How far {@code webhook-timestamp} may be from now, either way (the reference libraries' value). */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<WebhookSecret> secrets;
    private final long toleranceSeconds;
    private final Clock clock;

    /** With the default tolerance and the system clock. */
    public WebhookVerifier(List<WebhookSecret> secrets) {
        this(secrets, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** @param secrets every secret currently accepted (two during a rotation); at least one */
    public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed to verify");
        }
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative, was " + tolerance);
        }
        this.secrets = List.copyOf(secrets);
        this.toleranceSeconds = tolerance.toSeconds();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies {@code body} against headers looked up by name, ignoring case.
     *
     * @param body the raw body bytes as received, before any JSON parsing
     */
    public void verify(byte[] body, Map<String, String> headers) throws WebhookVerificationException {
        verify(body, header(headers, WebhookHeaders.ID), header(headers, WebhookHeaders.TIMESTAMP),
                header(headers, WebhookHeaders.SIGNATURE));
    }

    /** Verifies {@code body} against the three header values (null when absent). */
    public void verify(byte[] body, String id, String timestamp, String signature) throws WebhookVerificationException {
        if (id == null || timestamp == null || signature == null) {
            throw new WebhookVerificationException("missing webhook-id, webhook-timestamp or webhook-signature");
        }
        long sentAt = parseTimestamp(timestamp);
        long now = clock.instant().getEpochSecond();
        if (now - sentAt > toleranceSeconds) {
            throw new WebhookVerificationException("webhook-timestamp is too old");
        }
        if (sentAt - now > toleranceSeconds) {
            throw new WebhookVerificationException("webhook-timestamp is in the future");
        }
        List<byte[]> expected = new ArrayList<>(secrets.size());
        for (WebhookSecret secret : secrets) {
            expected.add(WebhookSigner.hmac(secret, id, sentAt, body));
        }
        for (String versioned : signature.split(" ")) {
            int comma = versioned.indexOf(',');
            if (comma < 0 || !versioned.substring(0, comma).equals(WebhookSigner.VERSION)) {
                continue; // another scheme (e.g. v1a) or noise: the spec says to skip it
            }
            byte[] presented = decodeOrNull(versioned.substring(comma + 1));
            for (byte[] candidate : expected) {
                if (presented != null && MessageDigest.isEqual(candidate, presented)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException("no matching signature");
    }

    private static long parseTimestamp(String timestamp) throws WebhookVerificationException {
        try {
            return Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("webhook-timestamp is not an integer number of seconds");
        }
    }

    private static byte[] decodeOrNull(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }
}
