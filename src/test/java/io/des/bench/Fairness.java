package io.des.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.ingest.IngestLimits;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Scenario {@code fairness}: local mode with two tenants and the sandbox at 100 ms. Tenant A posts a
 * large ERID, then tenant B a 10-record ERID, then tenant A a 10-record ERID; each small ERID's
 * seconds from its POST to {@code completed} on the serving API. Every ERID has its own contacts,
 * so none is answered from the lookup cache: the small ERIDs wait for the provider like the big one.
 */
final class Fairness {

    private static final long LATENCY_MILLIS = 100;
    private static final long CHECKPOINT_INTERVAL_MILLIS = 2_000;
    private static final int SMALL_RECORDS = 10;
    private static final Duration LIMIT = Duration.ofMinutes(20);

    private Fairness() {}

    static void run(long bigRecords) throws Exception {
        Path dataDir = Files.createTempDirectory("des-bench-fairness");
        String keyA = "bench-alpha-" + UUID.randomUUID();
        String keyB = "bench-bravo-" + UUID.randomUUID();
        Path tenants = dataDir.resolve("tenants.json");
        Files.writeString(tenants, "{\"tenants\": [" + tenant("alpha", keyA) + ", " + tenant("bravo", keyB) + "]}");
        LocalOptions options = LocalOptions.parse(new String[] {
                "--port", "0", "--web-ui-port", "0", "--data-dir", dataDir.resolve("data").toString(),
                "--checkpoint-interval-ms", String.valueOf(CHECKPOINT_INTERVAL_MILLIS),
                "--provider-latency-ms", String.valueOf(LATENCY_MILLIS),
                "--tenants-file", tenants.toString()});
        try (LocalDes des = LocalDes.start(options)) {
            DesHttp alpha = new DesHttp(des.port(), keyA);
            DesHttp bravo = new DesHttp(des.port(), keyB);
            alpha.awaitJobRunning();

            String big = UUID.randomUUID().toString();
            String otherTenant = UUID.randomUUID().toString();
            String sameTenant = UUID.randomUUID().toString();
            long start = System.nanoTime();
            int chunk = IngestLimits.defaults().maxContactsPerRequest();
            for (long offset = 0; offset < bigRecords; offset += chunk) {
                alpha.postChunk(big, offset, (int) Math.min(chunk, bigRecords - offset), bigRecords, "big");
            }
            double bigPosted = secondsSince(start);
            long otherPostedAt = System.nanoTime();
            bravo.postChunk(otherTenant, 0, SMALL_RECORDS, SMALL_RECORDS, "other");
            long samePostedAt = System.nanoTime();
            alpha.postChunk(sameTenant, 0, SMALL_RECORDS, SMALL_RECORDS, "same");

            // Completed: seconds from each ERID's POST to completed. Received: to all of its records
            // taken in by the job (committed + records_waiting), which shows how long the job took to
            // read past the big ERID in the broker.
            Map<String, Double> completedAfter = new LinkedHashMap<>();
            Map<String, Double> receivedAfter = new LinkedHashMap<>();
            Long bigWaitingSeen = null;
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (completedAfter.size() < 3) {
                watch("other", bravo.get(otherTenant, "page_size=1"), SMALL_RECORDS, otherPostedAt, completedAfter, receivedAfter);
                watch("same", alpha.get(sameTenant, "page_size=1"), SMALL_RECORDS, samePostedAt, completedAfter, receivedAfter);
                JsonNode bigStatus = alpha.get(big, "page_size=1");
                watch("big", bigStatus, bigRecords, start, completedAfter, receivedAfter);
                JsonNode waiting = bigStatus.path("progress").path("records_waiting");
                if (bigWaitingSeen == null && waiting.isNumber() && completedAfter.containsKey("other")) {
                    bigWaitingSeen = waiting.asLong();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fairness: not every ERID completed in " + LIMIT + ": " + completedAfter);
                }
                Thread.sleep(50);
            }
            JsonLine.scenario("fairness")
                    .put("big_records", bigRecords)
                    .put("small_records", SMALL_RECORDS)
                    .put("latency_ms", LATENCY_MILLIS)
                    .put("checkpoint_interval_s", CHECKPOINT_INTERVAL_MILLIS / 1000.0)
                    .put("big_posted_s", bigPosted)
                    .put("small_other_tenant_s", completedAfter.get("other"))
                    .put("small_same_tenant_s", completedAfter.get("same"))
                    .put("big_s", completedAfter.get("big"))
                    .put("small_other_tenant_received_s", receivedAfter.get("other"))
                    .put("small_same_tenant_received_s", receivedAfter.get("same"))
                    .put("big_received_s", receivedAfter.get("big"))
                    .put("big_records_waiting_seen", bigWaitingSeen)
                    .put("goal_s", CHECKPOINT_INTERVAL_MILLIS / 1000.0 + 3)
                    .print();
        }
    }

    /** Notes when the ERID is seen completed and when all its records are seen taken in by the job. */
    private static void watch(String name, JsonNode answer, long records, long postedAtNanos,
            Map<String, Double> completedAfter, Map<String, Double> receivedAfter) {
        JsonNode progress = answer.path("progress");
        boolean allReceived = completed(answer)
                || progress.path("records_committed").asLong() + progress.path("records_waiting").asLong() >= records;
        if (allReceived && !receivedAfter.containsKey(name)) {
            receivedAfter.put(name, secondsSince(postedAtNanos));
        }
        if (completed(answer) && !completedAfter.containsKey(name)) {
            completedAfter.put(name, secondsSince(postedAtNanos));
        }
    }

    private static boolean completed(JsonNode answer) {
        return "completed".equals(answer.path("status").asText());
    }

    private static String tenant(String id, String key) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        return "{\"id\": \"" + id + "\", \"api_keys_sha256\": [\"" + HexFormat.of().formatHex(digest) + "\"],"
                + " \"limits\": {\"requests_per_second\": 1000}}";
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
