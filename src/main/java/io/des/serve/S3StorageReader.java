package io.des.serve;

import io.des.model.StorageLayout;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A {@link StorageReader} on S3 (or any S3 API) through the AWS SDK's {@link S3Client}: a byte range
 * is one {@code GetObject} with {@code Range: bytes=…}, the tail of a file one suffix range ({@code
 * bytes=-N}) whose {@code Content-Range} also gives the object's length, so no {@code HeadObject} is
 * needed. The caller's role needs {@code s3:GetObject} below the root; {@code s3:ListBucket} as well
 * if a missing {@code _SUCCESS} should read as absent (without it S3 answers 403, a failure).
 *
 * <p>The reader does not own the client.
 */
public final class S3StorageReader implements StorageReader {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final S3Client s3;
    private final URI root;
    private final String bucket;

    /** @param root {@code s3://bucket[/prefix]}, the root holding {@code enriched_data/} */
    public S3StorageReader(S3Client s3, URI root) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.root = Objects.requireNonNull(root, "root");
        if (!"s3".equals(root.getScheme()) || root.getHost() == null) {
            throw new IllegalArgumentException("storage root must be s3://bucket[/prefix], got: " + root);
        }
        this.bucket = root.getHost();
    }

    @Override
    public Optional<byte[]> readIfExists(String path) throws IOException {
        String key = StorageLayout.objectKey(root, path);
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("cannot read s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
        byte[] bytes = get(path, "bytes=" + offset + "-" + (offset + length - 1)).asByteArray();
        if (bytes.length != length) {
            throw new IOException("expected " + length + " bytes at " + offset + " of " + path + ", got " + bytes.length);
        }
        return bytes;
    }

    @Override
    public Tail readTail(String path, int maxBytes) throws IOException {
        ResponseBytes<GetObjectResponse> response = get(path, "bytes=-" + maxBytes);
        byte[] bytes = response.asByteArray();
        String contentRange = response.response().contentRange();
        if (contentRange == null) {
            return new Tail(bytes.length, bytes); // a server that answers a range larger than the object with all of it
        }
        Matcher range = CONTENT_RANGE.matcher(contentRange);
        if (!range.matches()) {
            throw new IOException("unexpected Content-Range " + contentRange + " for " + path);
        }
        return new Tail(Long.parseLong(range.group(3)), bytes);
    }

    private ResponseBytes<GetObjectResponse> get(String path, String range) throws IOException {
        String key = StorageLayout.objectKey(root, path);
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).range(range));
        } catch (SdkException e) {
            throw new IOException("cannot read " + range + " of s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
