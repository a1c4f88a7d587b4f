package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local mode on S3 (s3proxy, outliving the DES process) killed with SIGKILL mid-ERID and started
 * again on the same data directory: the ERID completes with every record in its published
 * partition exactly once, read back through the S3 API with parquet-mr; and the uploads the kill
 * left open under its {@code _incomplete} prefix are aborted once it is published.
 */
class LocalModeOnS3CrashRecoveryIT {

    private static final String BUCKET = "des-crash-it";
    private static final URI ROOT = URI.create("s3://" + BUCKET + "/des");
    private static final String ERID = "9c5f0e4b-6a91-4dee-9a0b-5c0d2d9f1eaa";
    private static final int TOTAL = 10_000;
    private static final int CHUNK = 1_000;

    @Test
    void killedMidEridOnS3ResumesExactlyOnceAndLeavesNoUploadOpen(@TempDir Path tmp) throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String incomplete = StorageLayout.objectKey(ROOT, StorageLayout.incompletePartitionPath(TenantIds.DEFAULT, today, ERID)) + "/";
        String published = StorageLayout.objectKey(ROOT, StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, today, ERID)) + "/";
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"));
                S3Client client = s3.client()) {
            BucketContents bucket = new BucketContents(client, BUCKET);
            int port = EmulatorProcesses.freePort();
            List<String> args = List.of("--port", String.valueOf(port), "--data-dir", tmp.resolve("data").toString(),
                    "--web-ui-port", "0", "--checkpoint-interval-ms", "1000", "--provider-latency-ms", "20",
                    "--storage-uri", ROOT.toString(), "--s3-endpoint", s3.endpoint());
            Map<String, String> credentials = Map.of(
                    "AWS_ACCESS_KEY_ID", S3ProxyEmulator.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyEmulator.SECRET_KEY);

            Process des = LocalDesProcess.start(args, credentials, tmp.resolve("des-1.log"));
            JsonNode atKill;
            try {
                DesClient api = LocalDesProcess.awaitReady(port, des);
                for (int offset = 0; offset < TOTAL; offset += CHUNK) {
                    assertEquals(202, api.post(DesClient.chunk(ERID, offset, CHUNK, TOTAL)).statusCode());
                }
                api.awaitHistory(ERID, h -> h.at("/progress/records_committed").asLong() >= 2 * CHUNK, Duration.ofMinutes(2));
                bucket.awaitOpenUpload(incomplete, Duration.ofSeconds(30));
                atKill = api.awaitHistory(ERID, h -> true, Duration.ofSeconds(10));
            } finally {
                des.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no clean cancel
            }
            assertNotEquals("completed", atKill.path("status").asText(), "killed mid-ERID: " + atKill);
            assertFalse(bucket.openUploads(incomplete).isEmpty(), "the kill left the files it was writing as open uploads");

            Process restarted = LocalDesProcess.start(args, credentials, tmp.resolve("des-2.log"));
            try {
                DesClient api = LocalDesProcess.awaitReady(port, restarted);
                JsonNode done = api.awaitHistory(ERID, h -> "completed".equals(h.path("status").asText()), Duration.ofMinutes(4));
                assertEquals(TOTAL, done.at("/progress/records_committed").asLong(), done.toString());

                List<GenericRecord> rows = bucket.parquetRows(published, tmp);
                assertEquals(TOTAL, rows.size(), "nothing doubled");
                assertEquals(TOTAL, rows.stream().map(r -> r.get("record_index")).distinct().count(), "nothing lost");

                bucket.assertNothingLeftUnder(incomplete, Duration.ofSeconds(30));
            } finally {
                restarted.destroy();
                restarted.waitFor();
            }
        }
    }
}
