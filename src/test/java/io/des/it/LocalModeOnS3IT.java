package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.model.StorageLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Local mode on S3, as on Managed Flink: the sink writes through {@code flink-s3-fs-hadoop} loaded
 * as a plugin onto a real S3 API (s3proxy); an ERID sent in two POSTs, the second only once the
 * first is committed, so that its files span several checkpoints, completes, and its published
 * partition in the bucket is one compacted Parquet file, in {@code record_index} order, named by
 * {@code _SUCCESS}, with no {@code _incomplete} object and no sink part file left, and every record
 * exactly once; GET pages through its rows read straight from the bucket, each once and in order.
 */
class LocalModeOnS3IT {

    private static final String ERID = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d";
    private static final int TOTAL = 120;
    private static final int FIRST_CHUNK = 70;
    private static final String BUCKET = "des-local-it";

    @Test
    void anEridWhoseFilesSpanCheckpointsIsPublishedOnS3AsOneCompactedFileWithEveryRecordOnce(@TempDir Path tmp) throws Exception {
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"));
                S3Client client = s3.client()) {
            BucketContents bucket = new BucketContents(client, BUCKET);
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
                assertEquals(202, api.post(DesClient.chunk(ERID, 0, FIRST_CHUNK, TOTAL)).statusCode());
                JsonNode firstCommitted = api.awaitHistory(ERID,
                        e -> e.at("/progress/records_committed").asLong() >= FIRST_CHUNK, Duration.ofMinutes(2));
                assertEquals("incomplete", firstCommitted.path("status").asText(), firstCommitted.toString());
                List<String> firstFiles = bucket.keys("des/").stream()
                        .filter(k -> k.contains("_incomplete/part-")).collect(Collectors.toList());
                assertTrue(!firstFiles.isEmpty(), "the first chunk is in committed files before the second is sent");
                assertEquals(202, api.post(DesClient.chunk(ERID, FIRST_CHUNK, TOTAL - FIRST_CHUNK, TOTAL)).statusCode());

                JsonNode entry = api.awaitHistory(ERID, e -> "completed".equals(e.path("status").asText()), Duration.ofMinutes(2));
                assertEquals(TOTAL, entry.at("/progress/records_committed").asLong(), entry.toString());

                assertServedOnceInOrder(api, today);
            }

            String partition = "des/" + StorageLayout.publishedPartitionPath("default", today, ERID) + "/";
            List<String> keys = bucket.keys("des/");
            List<String> published = keys.stream()
                    .filter(k -> k.startsWith(partition) && !k.endsWith("/")) // S3A keeps directory markers
                    .collect(Collectors.toList());
            String compacted = String.format("compacted-%010d-%010d.parquet", 0, TOTAL - 1);
            assertEquals(List.of(partition + StorageLayout.SUCCESS_MARKER, partition + compacted), published,
                    "the partition is its compacted file and _SUCCESS: " + keys);
            assertTrue(keys.stream().noneMatch(k -> k.contains("_incomplete")), "no _incomplete object remains: " + keys);
            assertTrue(keys.stream().noneMatch(k -> k.contains("/part-")), "no part file of the sink remains: " + keys);
            JsonNode marker = DesClient.JSON.readTree(bucket.text(partition + StorageLayout.SUCCESS_MARKER));
            assertEquals(compacted, marker.at("/files/0").asText(), marker.toString());
            assertEquals(TOTAL, marker.at("/file_ranges/0/rows").asLong(), marker.toString());

            List<Long> indexes = bucket.parquetRows(partition, tmp).stream()
                    .map(row -> ((Number) row.get("record_index")).longValue()).toList();
            assertEquals(LongStream.range(0, TOTAL).boxed().toList(), indexes, "every record exactly once, in order");
        }
    }

    /** GET pages through every record straight from the bucket: each index once, in order, pages cut by index. */
    private static void assertServedOnceInOrder(DesClient api, String today) throws Exception {
        List<Long> indexes = new ArrayList<>();
        int pageSize = 50;
        for (int page = 1; page <= 4; page++) {
            JsonNode body = api.get(ERID, today, today, page, pageSize);
            assertEquals("completed", body.path("status").asText(), body.toString());
            assertEquals(3, body.path("number_of_pages").asInt(), body.toString());
            body.path("data").forEach(row -> indexes.add(row.path("record_index").asLong()));
            if (page < 4) {
                assertEquals("First" + (page - 1) * pageSize, body.at("/data/0/first_name").asText(), body.toString());
            }
        }
        assertEquals(LongStream.range(0, TOTAL).boxed().toList(), indexes, "every record once, in index order");
    }
}
