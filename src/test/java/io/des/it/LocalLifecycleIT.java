package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.api.tenant.ApiKeys;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.notify.WebhookSecret;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ERID's lifecycle in local mode, as a client sees it: the contract is enforced (409), a
 * completed ERID's signed webhook reaches the receiver and verifies, an ERID left short expires,
 * is refused afterwards, and its expiry is announced too.
 */
class LocalLifecycleIT {

    private static final String DONE = "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a";
    private static final String SHORT = "2e3d4c5b-6a7f-4e8d-9cab-1a2b3c4d5e6f";
    private static final String KEY = "lifecycle-it-key";

    @Test
    void conflictsAreRefusedCompletionAndExpiryAreAnnouncedBySignedWebhooks(@TempDir Path tmp) throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        Path tenants = tmp.resolve("tenants.json");
        Files.writeString(tenants, "{\"tenants\": [{\"id\": \"acme\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex(KEY)
                + "\"], \"webhook_secret\": \"" + secret.encoded() + "\"}]}");
        WebhookReceiver receiver = WebhookReceiver.start(0);
        String callback = receiver.url();
        try (LocalDes des = LocalDes.start(LocalOptions.parse(new String[] {
                "--port", "0", "--web-ui-port", "0", "--data-dir", tmp.resolve("data").toString(),
                "--checkpoint-interval-ms", "500", "--tenants-file", tenants.toString(), "--erid-expiry", "PT8S"}))) {
            DesClient client = new DesClient(des.port(), KEY);
            String today = LocalDate.now(ZoneOffset.UTC).toString();

            HttpResponse<String> first = client.post(withCallback(DesClient.chunk(DONE, 0, 2, 4), callback));
            assertEquals(202, first.statusCode(), first.body());
            HttpResponse<String> contradicting = client.post(DesClient.chunk(DONE, 2, 2, 5));
            assertEquals(409, contradicting.statusCode());
            JsonNode conflict = DesClient.JSON.readTree(contradicting.body());
            assertEquals("erid_conflict", conflict.get("code").asText());
            assertTrue(conflict.get("error").asText().contains("number_of_records 5 ≠ 4"), conflict.toString());
            HttpResponse<String> second = client.post(DesClient.chunk(DONE, 2, 2, 4));
            assertEquals(202, second.statusCode());
            assertEquals(DesClient.JSON.readTree(first.body()).get("status_url"), DesClient.JSON.readTree(second.body()).get("status_url"));

            JsonNode done = client.awaitGet(DONE, today, a -> a.get("status").asText().equals("completed"), Duration.ofMinutes(2));
            assertEquals(4, done.at("/progress/records_committed").asLong());

            assertEquals(202, client.post(withCallback(DesClient.chunk(SHORT, 0, 1, 3), callback)).statusCode());
            JsonNode expired = client.awaitGet(SHORT, today, a -> a.get("status").asText().equals("expired"), Duration.ofMinutes(1));
            assertEquals(3, expired.at("/progress/number_of_records").asLong());
            HttpResponse<String> late = client.post(DesClient.chunk(SHORT, 1, 1, 3));
            assertEquals(409, late.statusCode());
            assertEquals("erid_expired", DesClient.JSON.readTree(late.body()).get("code").asText());

            Map<String, String> types = new java.util.TreeMap<>();
            for (int i = 0; i < 2; i++) {
                WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(60));
                assertTrue(delivery != null, "both webhooks arrive; got " + types);
                delivery.verify(secret);
                JsonNode event = DesClient.JSON.readTree(delivery.body());
                types.put(event.at("/data/erid").asText(), event.get("type").asText());
            }
            assertEquals(Map.of(DONE, "enrichment_request.completed", SHORT, "enrichment_request.expired"), types);

            JsonNode entry = null;
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); System.nanoTime() < deadline; Thread.sleep(200)) {
                entry = DesClient.JSON.readTree(client.rawGet("/v2/enrichment_requests/" + DONE).body());
                if (entry.at("/webhooks/0/state").asText().equals("delivered")) {
                    break;
                }
            }
            assertEquals("delivered", entry.at("/webhooks/0/state").asText(), entry.toString());
            assertEquals("204", entry.at("/webhooks/0/attempts/0/outcome").asText());
            assertTrue(Instant.parse(entry.get("completed_at").asText()).isAfter(Instant.parse(entry.get("created_at").asText())));
        } finally {
            receiver.close();
        }
    }

    private static ObjectNode withCallback(ObjectNode chunk, String url) {
        chunk.put("callback_url", url);
        return chunk;
    }
}
