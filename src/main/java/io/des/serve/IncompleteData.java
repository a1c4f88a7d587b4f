package io.des.serve;

import io.des.model.StorageLayout;
import io.des.sink.AbandonedUploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes the {@code _incomplete} partition of an expired ERID, so that no partial data outlives
 * its request. Paths come only from {@link StorageLayout} (validated tenant, date and erid).
 */
@FunctionalInterface
public interface IncompleteData {

    /** Removes what there is; an absent partition is not an error (a repeated removal). */
    void remove(String tenant, String erid, LocalDate requestDate);

    /** Under a local storage root (local mode). */
    static IncompleteData local(Path root) {
        return (tenant, erid, requestDate) -> {
            Path partition = root.resolve(StorageLayout.incompletePartitionPath(tenant, requestDate.toString(), erid));
            if (!Files.exists(partition)) {
                return;
            }
            try (Stream<Path> tree = Files.walk(partition)) {
                for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove " + partition, e);
            }
        };
    }

    /**
     * In S3, below {@code storageRoot} ({@code s3://bucket/prefix}): its objects, and the multipart
     * uploads a failure of the job left open there ({@link AbandonedUploads}). The caller's role
     * needs {@code s3:ListBucket}, {@code s3:DeleteObject}, {@code s3:ListBucketMultipartUploads}
     * and {@code s3:AbortMultipartUpload} there.
     */
    static IncompleteData s3(S3Client s3, URI storageRoot) {
        String bucket = storageRoot.getHost();
        AbandonedUploads uploads = AbandonedUploads.onS3(s3, storageRoot);
        return (tenant, erid, requestDate) -> {
            String prefix = StorageLayout.objectKey(storageRoot,
                    StorageLayout.incompletePartitionPath(tenant, requestDate.toString(), erid)) + "/";
            ListObjectsV2Response page;
            String token = null;
            do {
                String continuation = token;
                page = s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).continuationToken(continuation));
                List<S3Object> objects = page.contents();
                for (S3Object object : objects) {
                    s3.deleteObject(request -> request.bucket(bucket).key(object.key()));
                }
                token = page.nextContinuationToken();
            } while (token != null);
            uploads.abortIncomplete(tenant, requestDate.toString(), erid);
        };
    }
}
