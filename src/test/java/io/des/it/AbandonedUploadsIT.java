package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.StorageLayout;
import io.des.serve.IncompleteData;
import io.des.sink.AbandonedUploads;
import io.des.sink.S3Connection;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * On a real S3 API (s3proxy, which implements ListMultipartUploads with a prefix and
 * AbortMultipartUpload): DES aborts the uploads open under one ERID's {@code _incomplete} prefix,
 * after publishing or at expiry, and nothing of another ERID, another tenant or a published
 * partition.
 */
class AbandonedUploadsIT {

    private static final String BUCKET = "des-uploads-it";
    private static final URI ROOT = URI.create("s3://" + BUCKET + "/des");
    private static final String DATE = "2026-11-21";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String OTHER_ERID = "4d0a5f96-1b4c-4e99-8b97-0d5d7e4a6f55";

    @Test
    void abortsOnlyTheUploadsUnderTheEridsIncompletePrefix(@TempDir Path tmp) throws Exception {
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp);
                S3Client client = s3.client()) {
            String abandoned = open(client, incomplete("acme", ERID) + "part-a-0-0.parquet", true);
            String neverWritten = open(client, incomplete("acme", ERID) + "part-a-0-1.parquet", false);
            String otherErid = open(client, incomplete("acme", OTHER_ERID) + "part-b-0-0.parquet", true);
            String otherTenant = open(client, incomplete("globex", ERID) + "part-c-0-0.parquet", true);
            String published = open(client, key(StorageLayout.publishedPartitionPath("acme", DATE, ERID)) + "/part-d-0-0.parquet", true);
            client.putObject(b -> b.bucket(BUCKET).key(incomplete("acme", ERID) + "part-e-0-0.parquet"), RequestBody.fromString("committed"));
            assertEquals(Set.of(abandoned, neverWritten, otherErid, otherTenant, published), openUploadIds(client));

            S3Connection connection = S3Connection.standard().withEndpoint(URI.create(s3.endpoint())).withPathStyle(true)
                    .withCredentials(S3ProxyEmulator.ACCESS_KEY, S3ProxyEmulator.SECRET_KEY);
            try (AbandonedUploads uploads = AbandonedUploads.forRoot(ROOT.toString(), connection)) {
                assertEquals(2, uploads.abortIncomplete("acme", DATE, ERID));
                assertEquals(Set.of(otherErid, otherTenant, published), openUploadIds(client));
                assertEquals(0, uploads.abortIncomplete("acme", DATE, ERID), "a replay finds nothing left");
            }
            BucketContents bucket = new BucketContents(client, BUCKET);
            assertEquals(List.of(incomplete("acme", ERID) + "part-e-0-0.parquet"), bucket.keys(incomplete("acme", ERID)),
                    "committed objects are not uploads: publishing moves them, expiry deletes them");

            client.putObject(b -> b.bucket(BUCKET).key(incomplete("acme", OTHER_ERID) + "part-f-0-0.parquet"), RequestBody.fromString("committed"));
            IncompleteData.s3(client, ROOT).remove("acme", OTHER_ERID, LocalDate.parse(DATE));
            assertEquals(List.of(), bucket.keys(incomplete("acme", OTHER_ERID)));
            assertEquals(Set.of(otherTenant, published), openUploadIds(client), "expiry aborts the expired ERID's uploads");
        }
    }

    private static String incomplete(String tenant, String erid) {
        return key(StorageLayout.incompletePartitionPath(tenant, DATE, erid)) + "/";
    }

    private static String key(String relativePath) {
        return StorageLayout.objectKey(ROOT, relativePath);
    }

    /** Starts a multipart upload, as Flink's S3 writer does for each file, with or without a first part. */
    private static String open(S3Client client, String key, boolean withPart) {
        String uploadId = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        if (withPart) {
            client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromString("rows"));
        }
        return uploadId;
    }

    private static Set<String> openUploadIds(S3Client client) {
        return client.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().stream()
                .map(MultipartUpload::uploadId).collect(Collectors.toSet());
    }
}
