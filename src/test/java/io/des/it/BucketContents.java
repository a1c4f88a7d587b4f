package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What a test sees in a bucket through the S3 API: objects, Parquet rows, open multipart uploads. */
final class BucketContents {

    private final S3Client client;
    private final String bucket;

    BucketContents(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    /** Keys under {@code prefix}, sorted. */
    List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().collect(Collectors.toList());
    }

    String text(String key) {
        return client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    /**
     * Every row of the Parquet objects directly under {@code prefix} (which ends with {@code /}),
     * downloaded into {@code scratch} and read with parquet-mr's own reader.
     */
    List<GenericRecord> parquetRows(String prefix, Path scratch) throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "download");
        for (String key : keys(prefix)) {
            String name = key.substring(prefix.length());
            if (name.endsWith(".parquet") && !name.contains("/")) {
                client.getObject(b -> b.bucket(bucket).key(key), dir.resolve(name));
            }
        }
        return ParquetReadBack.rowsIn(dir);
    }

    /**
     * Asserts that no object and no open multipart upload is left under {@code prefix}, waiting up
     * to {@code timeout} for it (publishing removes an ERID's {@code _incomplete} objects, then
     * aborts its uploads, as its last steps).
     */
    void assertNothingLeftUnder(String prefix, Duration timeout) throws InterruptedException {
        eventually(() -> keys(prefix).isEmpty() && openUploads(prefix).isEmpty(), timeout);
        assertEquals(List.of(), keys(prefix), "no object left under " + prefix);
        assertEquals(List.of(), openUploads(prefix), "no upload left open under " + prefix);
    }

    /** Waits up to {@code timeout} for an upload to be open under {@code prefix}. */
    void awaitOpenUpload(String prefix, Duration timeout) throws InterruptedException {
        eventually(() -> !openUploads(prefix).isEmpty(), timeout);
    }

    private static void eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /** Keys of the multipart uploads open under {@code prefix}. */
    List<String> openUploads(String prefix) {
        return client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
                .map(MultipartUpload::key).sorted().collect(Collectors.toList());
    }
}
