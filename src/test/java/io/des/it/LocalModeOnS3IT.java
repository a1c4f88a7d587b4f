package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.model.StorageLayout;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Local mode on S3, as on Managed Flink: the sink writes through {@code flink-s3-fs-hadoop} loaded
 * as a plugin onto a real S3 API (s3proxy); an ERID sent in two POSTs completes, and its published
 * partition in the bucket holds Parquet files and {@code _SUCCESS}, no {@code _incomplete} object,
 * and every record exactly once.
 */
class LocalModeOnS3IT {

    private static final String ERID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private static final int TOTAL = 120;
    private static final String BUCKET = "des-local-it";

    @Test
    void anEridPublishedOnS3HoldsEveryRecordExactlyOnce(@TempDir Path tmp) throws Exception {
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"));
                S3Client client = s3.client()) {
            // The credentials arrive as the AWS environment variables would bring them.
            Map<String, String> environment = Map.of(
                    "AWS_ACCESS_KEY_ID", S3ProxyEmulator.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3ProxyEmulator.SECRET_KEY);
            LocalOptions options = LocalOptions.parse(new String[] {
                    "--port", "0", "--web-ui-port", "0", "--data-dir", tmp.resolve("data").toString(),
                    "--checkpoint-interval-ms", "500", "--storage-uri", "s3://" + BUCKET + "/des",
                    "--s3-endpoint", s3.endpoint()}, environment);
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            try (LocalDes des = LocalDes.start(options)) {
                DesClient api = new DesClient(des.port());
                assertEquals(202, api.post(DesClient.chunk(ERID, 0, 70, TOTAL)).statusCode());
                assertEquals(202, api.post(DesClient.chunk(ERID, 70, TOTAL - 70, TOTAL)).statusCode());

                JsonNode entry = awaitCompleted(api, Duration.ofMinutes(2));
                assertEquals(TOTAL, entry.at("/progress/records_committed").asLong(), entry.toString());

                // Rows are not served from S3 in local mode (see the README): refused, never shown as empty.
                HttpResponse<String> rows = api.rawGet("/v2/enriched_data?erid=" + ERID);
                assertEquals(500, rows.statusCode(), rows.body());
            }

            String partition = "des/" + StorageLayout.publishedPartitionPath("default", today, ERID) + "/";
            List<String> keys = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("des/")).contents().stream()
                    .map(S3Object::key).sorted().collect(Collectors.toList());
            List<String> published = keys.stream().filter(k -> k.startsWith(partition)).collect(Collectors.toList());
            assertTrue(published.contains(partition + StorageLayout.SUCCESS_MARKER), keys.toString());
            List<String> parquet = published.stream().filter(k -> k.endsWith(".parquet")).collect(Collectors.toList());
            assertTrue(!parquet.isEmpty(), keys.toString());
            assertTrue(keys.stream().noneMatch(k -> k.contains("_incomplete")), "no _incomplete object remains: " + keys);

            Path downloaded = Files.createDirectories(tmp.resolve("downloaded"));
            for (String key : parquet) {
                client.getObject(b -> b.bucket(BUCKET).key(key), downloaded.resolve(key.substring(partition.length())));
            }
            Map<Long, Integer> seen = new TreeMap<>();
            for (GenericRecord row : ParquetReadBack.rowsIn(downloaded)) {
                seen.merge(((Number) row.get("record_index")).longValue(), 1, Integer::sum);
            }
            assertEquals(TOTAL, seen.size(), "every record index is there: " + seen.keySet());
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "each record exactly once: " + seen);
            assertEquals(0L, seen.keySet().iterator().next());
        }
    }

    /** The registry's view (the history route), which is what GET's status and progress come from. */
    private static JsonNode awaitCompleted(DesClient api, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> answer = api.rawGet("/v2/enrichment_requests/" + ERID);
            if (answer.statusCode() == 200) {
                last = DesClient.JSON.readTree(answer.body());
                if ("completed".equals(last.path("status").asText())) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("ERID " + ERID + " did not complete in " + timeout + "; last answer: " + last);
    }
}
