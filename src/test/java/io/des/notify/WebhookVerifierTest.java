package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

    private static final String ID = "msg_0123456789abcdef";
    private static final long NOW = 1_764_500_000L;
    private static final byte[] BODY = "{\"type\":\"enrichment_request.completed\",\"name\":\"Zoë\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookSecret secret = WebhookSecret.generate();
    private final WebhookVerifier verifier = verifierAt(NOW, secret);

    @Test
    void acceptsWhatTheSignerProduces() {
        Map<String, String> headers = WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap();

        assertDoesNotThrow(() -> verifier.verify(BODY, headers));
    }

    @Test
    void headerNamesAreCaseInsensitive() {
        WebhookHeaders signed = WebhookSigner.sign(List.of(secret), ID, NOW, BODY);
        Map<String, String> headers = Map.of("Webhook-Id", signed.id(), "WEBHOOK-TIMESTAMP",
                Long.toString(signed.timestamp()), "Webhook-Signature", signed.signature());

        assertDoesNotThrow(() -> verifier.verify(BODY, headers));
    }

    @Test
    void signatureIsVersionedBase64OfHmacSha256() {
        String signature = WebhookSigner.sign(List.of(secret), ID, NOW, BODY).signature();

        assertTrue(signature.matches("v1,[A-Za-z0-9+/]{43}="), signature);
    }

    @Test
    void refusesATamperedBody() {
        Map<String, String> headers = WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap();
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertRefused("no matching signature", tampered, headers);
    }

    @Test
    void refusesATamperedIdOrTimestamp() {
        Map<String, String> otherId = new HashMap<>(WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap());
        otherId.put(WebhookHeaders.ID, "msg_other");
        Map<String, String> otherTime = new HashMap<>(WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap());
        otherTime.put(WebhookHeaders.TIMESTAMP, Long.toString(NOW - 1));

        assertRefused("no matching signature", BODY, otherId);
        assertRefused("no matching signature", BODY, otherTime);
    }

    @Test
    void refusesAnotherSecret() {
        Map<String, String> headers = WebhookSigner.sign(List.of(WebhookSecret.generate()), ID, NOW, BODY).asMap();

        assertRefused("no matching signature", BODY, headers);
    }

    @Test
    void refusesATimestampOutsideTheToleranceEitherWay() {
        long sixMinutes = Duration.ofMinutes(6).toSeconds();
        Map<String, String> stale = WebhookSigner.sign(List.of(secret), ID, NOW - sixMinutes, BODY).asMap();
        Map<String, String> future = WebhookSigner.sign(List.of(secret), ID, NOW + sixMinutes, BODY).asMap();
        Map<String, String> justInside = WebhookSigner.sign(List.of(secret), ID, NOW - 300, BODY).asMap();

        assertRefused("too old", BODY, stale);
        assertRefused("in the future", BODY, future);
        assertDoesNotThrow(() -> verifier.verify(BODY, justInside));
    }

    @Test
    void acceptsWhenOneOfSeveralSignaturesMatches() {
        WebhookSecret old = WebhookSecret.generate();
        Map<String, String> rotating = WebhookSigner.sign(List.of(WebhookSecret.generate(), secret), ID, NOW, BODY).asMap();
        String mixed = "v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ== v1,not-base64!! "
                + WebhookSigner.sign(List.of(secret), ID, NOW, BODY).signature();

        assertEquals(2, rotating.get(WebhookHeaders.SIGNATURE).split(" ").length);
        assertDoesNotThrow(() -> verifier.verify(BODY, rotating));
        assertDoesNotThrow(() -> verifier.verify(BODY, ID, Long.toString(NOW), mixed));
        assertDoesNotThrow(() -> verifierAt(NOW, old, secret).verify(BODY, WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap()));
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        Map<String, String> headers = new HashMap<>(WebhookSigner.sign(List.of(secret), ID, NOW, BODY).asMap());
        headers.remove(WebhookHeaders.SIGNATURE);
        assertRefused("missing", BODY, headers);

        assertThrows(WebhookVerificationException.class, () -> verifier.verify(BODY, ID, "yesterday", "v1,AAAA"));
    }

    @Test
    void signerRefusesIdsWithDotsOrSpaces() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign(List.of(secret), "msg.1", NOW, BODY));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign(List.of(secret), "msg 1", NOW, BODY));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.sign(List.of(), ID, NOW, BODY));
    }

    private void assertRefused(String reason, byte[] body, Map<String, String> headers) {
        WebhookVerificationException error = assertThrows(WebhookVerificationException.class, () -> verifier.verify(body, headers));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    private static WebhookVerifier verifierAt(long epochSecond, WebhookSecret... secrets) {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
        return new WebhookVerifier(List.of(secrets), WebhookVerifier.DEFAULT_TOLERANCE, clock);
    }
}
