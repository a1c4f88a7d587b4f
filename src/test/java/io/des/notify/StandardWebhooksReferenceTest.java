package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DES's signatures checked by the Standard Webhooks reference library, as a receiver would check them. */
class StandardWebhooksReferenceTest {

    private static final String ID = "msg_4f1b0c2d9e8a7b6c5d4e3f2a1b0c9d8e";

    @TempDir
    Path workDir;

    private StandardWebhooksReference reference;
    private final WebhookSecret secret = WebhookSecret.generate();

    @BeforeEach
    void startReference() {
        reference = new StandardWebhooksReference(workDir);
    }

    @Test
    void referenceLibraryVerifiesWhatDesSignsForSeveralBodies() throws Exception {
        List<byte[]> bodies = List.of(
                "{\"type\":\"enrichment_request.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8),
                "{\"metadata\":{\"name\":\"Zoë Ünal\",\"city\":\"東京\",\"mood\":\"🎉\",\"sep\":\"\u2028\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                largeBody(300_000));
        long now = Instant.now().getEpochSecond();

        for (byte[] body : bodies) {
            WebhookHeaders headers = WebhookSigner.sign(List.of(secret), ID, now, body);

            StandardWebhooksReference.Answer answer = reference.verify(secret, body, headers.asMap());

            assertTrue(answer.verified(), "body of " + body.length + " bytes: " + answer.output());
        }
    }

    @Test
    void referenceLibraryRefusesATamperedBody() throws Exception {
        byte[] body = "{\"records_committed\":4}".getBytes(StandardCharsets.UTF_8);
        WebhookHeaders headers = WebhookSigner.sign(List.of(secret), ID, Instant.now().getEpochSecond(), body);
        byte[] tampered = "{\"records_committed\":5}".getBytes(StandardCharsets.UTF_8);

        StandardWebhooksReference.Answer answer = reference.verify(secret, tampered, headers.asMap());

        assertFalse(answer.verified());
        assertTrue(answer.output().contains("No matching signature"), answer.output());
    }

    @Test
    void referenceLibraryRefusesAnOldTimestamp() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        WebhookHeaders headers = WebhookSigner.sign(List.of(secret), ID, tenMinutesAgo, body);

        StandardWebhooksReference.Answer answer = reference.verify(secret, body, headers.asMap());

        assertFalse(answer.verified());
        assertTrue(answer.output().contains("too old"), answer.output());
    }

    @Test
    void referenceLibraryAcceptsEitherSecretDuringARotation() throws Exception {
        WebhookSecret next = WebhookSecret.generate();
        byte[] body = "{\"type\":\"enrichment_request.expired\"}".getBytes(StandardCharsets.UTF_8);
        WebhookHeaders headers = WebhookSigner.sign(List.of(next, secret), ID, Instant.now().getEpochSecond(), body);

        assertTrue(reference.verify(secret, body, headers.asMap()).verified(), "old secret");
        assertTrue(reference.verify(next, body, headers.asMap()).verified(), "new secret");
        assertFalse(reference.verify(WebhookSecret.generate(), body, headers.asMap()).verified(), "unrelated secret");
    }

    @Test
    void desVerifierAcceptsWhatTheReferenceLibrarySigns() throws Exception {
        byte[] body = "{\"name\":\"Zoë 🎉\"}".getBytes(StandardCharsets.UTF_8);
        long timestamp = 1_764_500_000L;
        String signature = reference.sign(secret, ID, timestamp, body);

        assertEquals(WebhookSigner.sign(List.of(secret), ID, timestamp, body).signature(), signature);
        Clock then = Clock.fixed(Instant.ofEpochSecond(timestamp + 60), ZoneOffset.UTC);
        new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, then)
                .verify(body, Map.of("Webhook-Id", ID, "Webhook-Timestamp", Long.toString(timestamp), "Webhook-Signature", signature));
    }

    private static byte[] largeBody(int size) {
        StringBuilder json = new StringBuilder("{\"rows\":[");
        while (json.length() < size) {
            json.append("{\"first_name\":\"Zoë\",\"company\":\"株式会社\"},");
        }
        json.setLength(json.length() - 1);
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
