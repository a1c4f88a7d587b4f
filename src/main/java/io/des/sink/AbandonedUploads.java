package io.des.sink;

import io.des.model.StorageLayout;
import java.net.URI;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Aborts the S3 multipart uploads left open under one ERID's {@code _incomplete} partition.
 *
 * <p>On S3 every file the sink writes is a multipart upload until the committer completes it. A
 * failure abandons the files written after the last checkpoint: their uploads stay open, invisible
 * and billed, until they are aborted. An open upload does not say whether it is abandoned: a file
 * closed for commit in a checkpoint whose commit has not run yet is open too, until the committer
 * completes it after the restore, and aborting it would lose its rows. So DES aborts only where
 * nothing under the prefix can still be wanted:
 * <ul>
 *   <li>after the ERID is published: every one of its records is in a committed file, so an upload
 *       still open there can only hold copies of committed records;
 *   <li>when its incomplete data is removed at expiry: the ERID is over.
 * </ul>
 * Everything else (dead letters, a compacted file whose write was cut short, ERIDs that never
 * finish) is left to the bucket's lifecycle rule {@code AbortIncompleteMultipartUpload} (see {@code
 * docs/architecture.md}, "Open multipart uploads", also for why the published partition is not
 * swept).
 *
 * <p>Needs {@code s3:ListBucketMultipartUploads} on the bucket and {@code s3:AbortMultipartUpload}
 * on the objects. Blocking: run it off the task thread.
 */
public final class AbandonedUploads implements AutoCloseable {

    private final S3Client s3;
    private final URI storageRoot;
    private final boolean ownsClient;

    private AbandonedUploads(S3Client s3, URI storageRoot, boolean ownsClient) {
        this.s3 = s3;
        this.storageRoot = storageRoot;
        this.ownsClient = ownsClient;
    }

    /**
     * For the storage root the sink writes under: on S3 with a client of its own (closed by {@link
     * #close}); on any other file system there are no uploads, and nothing is done.
     */
    public static AbandonedUploads forRoot(String rootUri, S3Connection connection) {
        URI root = URI.create(rootUri);
        return S3Connection.isS3(root) ? new AbandonedUploads(connection.open(), root, true) : new AbandonedUploads(null, root, false);
    }

    /** Under {@code storageRoot} ({@code s3://bucket/prefix}) with a client the caller owns and closes. */
    public static AbandonedUploads onS3(S3Client s3, URI storageRoot) {
        return new AbandonedUploads(s3, storageRoot, false);
    }

    /**
     * Aborts every upload under {@code tenant=T/request_date=D/erid=E_incomplete/}, reading every
     * page of the listing. An upload gone in the meantime (completed, or aborted by a replay) is
     * not an error.
     *
     * @return how many were aborted
     */
    public int abortIncomplete(String tenant, String requestDate, String erid) {
        if (s3 == null) {
            return 0;
        }
        String bucket = storageRoot.getHost();
        String prefix = StorageLayout.objectKey(storageRoot, StorageLayout.incompletePartitionPath(tenant, requestDate, erid)) + "/";
        int aborted = 0;
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix)).uploads()) {
            // Checked here too: an S3 API that ignored the prefix must not make DES abort another ERID's uploads.
            if (!upload.key().startsWith(prefix)) {
                continue;
            }
            try {
                s3.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                aborted++;
            } catch (NoSuchUploadException alreadyGone) {
                // Completed or aborted since the listing.
            }
        }
        return aborted;
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
