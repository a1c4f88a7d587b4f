package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.notify.WebhookSecret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode as a user runs it ({@code scripts/run-local.sh}, here the same main class in a child
 * JVM): the sample request completes with enriched fields; killed with SIGKILL mid-ERID and
 * started again on the same data directory, it resumes from its checkpoint with nothing lost and
 * nothing doubled, and a completion webhook still pending at the kill (its receiver was down) is
 * delivered after the restart, signed, with the same {@code webhook-id}.
 */
class LocalModeCrashRecoveryIT {

    private static final String SAMPLE_ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String BIG_ERID = "7a3d8c29-4e7f-4bcc-9eca-3a8a0b7d9c88";
    private static final int BIG_TOTAL = 6_000;
    private static final WebhookSecret WEBHOOK_SECRET = WebhookSecret.generate();

    @Test
    void sampleCompletesAndAKilledInstanceResumesWithNothingLostOrDoubled(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("data");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        int port = EmulatorProcesses.freePort();
        int receiverPort = EmulatorProcesses.freePort(); // nothing listens there until after the kill
        Process des = startLocalDes(dataDir, port, tmp.resolve("des-1.log"));
        String pendingEventId;
        try {
            DesClient client = LocalDesProcess.awaitReady(port, des);
            ObjectNode sample = (ObjectNode) DesClient.JSON.readTree(
                    Path.of(System.getProperty("des.project.dir", "."), "samples", "request.json").toFile());
            sample.put("callback_url", "http://127.0.0.1:" + receiverPort + "/hook");
            assertEquals(202, client.post(sample).statusCode());
            JsonNode completed = client.awaitGet(SAMPLE_ERID, today,
                    a -> a.get("status").asText().equals("completed"), Duration.ofMinutes(2));
            JsonNode full = client.get(SAMPLE_ERID, today, today, 1, 10);
            assertEquals(3, full.get("data").size());
            JsonNode john = full.get("data").get(0);
            assertEquals("John", john.get("first_name").asText());
            assertTrue(john.has("professional_email"), "enriched field present: " + john);
            assertEquals(3, completed.get("progress").get("number_of_records").asInt());

            for (int offset = 0; offset < BIG_TOTAL; offset += 1_000) {
                assertEquals(202, client.post(DesClient.chunk(BIG_ERID, offset, 1_000, BIG_TOTAL)).statusCode());
            }
            client.awaitGet(BIG_ERID, today, a -> a.get("progress").get("records_committed").asLong() >= 500,
                    Duration.ofMinutes(2));
            JsonNode pending = client.awaitHistory(SAMPLE_ERID,
                    h -> h.at("/webhooks/0/attempts/0/outcome").asText().equals("connection refused"), Duration.ofSeconds(60));
            assertEquals("retrying", pending.at("/webhooks/0/state").asText(), pending.toString());
            pendingEventId = pending.at("/webhooks/0/event_id").asText();
        } finally {
            des.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean cancel
        }

        WebhookReceiver receiver = WebhookReceiver.start(receiverPort);
        Process restarted = startLocalDes(dataDir, port, tmp.resolve("des-2.log"));
        try {
            DesClient client = LocalDesProcess.awaitReady(port, restarted);
            JsonNode done = client.awaitGet(BIG_ERID, today, a -> a.get("status").asText().equals("completed"),
                    Duration.ofMinutes(4));
            assertEquals(BIG_TOTAL, done.get("progress").get("records_committed").asLong());
            Path storage = dataDir.resolve("storage");
            Path published = storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, today, BIG_ERID));
            List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
            assertEquals(BIG_TOTAL, rows.size(), "nothing doubled");
            assertEquals(BIG_TOTAL, rows.stream().map(r -> r.get("record_index")).distinct().count(), "nothing lost");
            assertEquals(1, ParquetReadBack.parquetFilesIn(published).size(), "the files of both runs, compacted into one");
            assertEquals("completed", client.get(SAMPLE_ERID, today, today, 1, 10).get("status").asText());

            // Its retry is due at the time the outbox recorded before the kill (backoff: up to a minute or so here).
            WebhookReceiver.Delivery delivery = receiver.next(Duration.ofMinutes(3));
            assertTrue(delivery != null, "the webhook pending at the kill is delivered after the restart");
            assertEquals(pendingEventId, delivery.id());
            delivery.verify(WEBHOOK_SECRET);
            assertEquals("enrichment_request.completed", DesClient.JSON.readTree(delivery.body()).get("type").asText());
        } finally {
            restarted.destroy();
            restarted.waitFor();
            receiver.close();
        }
    }

    private static Process startLocalDes(Path dataDir, int port, Path log) throws IOException {
        return LocalDesProcess.start(List.of("--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                        "--web-ui-port", "0", "--checkpoint-interval-ms", "1000", "--provider-latency-ms", "5"),
                Map.of("DES_WEBHOOK_SECRET", WEBHOOK_SECRET.encoded()), log);
    }
}
