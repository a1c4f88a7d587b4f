package io.des.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** Keys of the multipart uploads open under {@code prefix}. */
    List<String> openUploads(String prefix) {
        return client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
                .map(MultipartUpload::key).sorted().collect(Collectors.toList());
    }
}
