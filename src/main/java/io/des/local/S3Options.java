package io.des.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/** Validation of local mode's S3 flags, with messages naming the flag. */
final class S3Options {

    static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";

    private S3Options() {}

    /** {@code s3://bucket[/prefix]}: the sink's root; other schemes have no use here (local storage is the default). */
    static URI storageUri(String flag, String value) {
        URI uri = parse(flag, value, "s3://bucket/prefix");
        if (!"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(flag + " must be s3://bucket[/prefix] (without it, the data directory's storage is used), got: " + value);
        }
        if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(flag + " takes no query, fragment or credentials, got: " + value);
        }
        return uri;
    }

    /** An http(s) URL with a host, e.g. {@code http://127.0.0.1:9000} for an S3 API on this machine. */
    static URI endpoint(String flag, String value) {
        URI uri = parse(flag, value, "http://127.0.0.1:9000");
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(flag + " must be an http(s) URL such as http://127.0.0.1:9000, got: " + value);
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null) {
            throw new IllegalArgumentException(flag + " takes no credentials or query (credentials come from "
                    + ACCESS_KEY_VARIABLE + " / " + SECRET_KEY_VARIABLE + ")");
        }
        return uri;
    }

    /**
     * The credentials for S3 storage, from the standard environment variables only: never from a
     * flag (visible in {@code ps}) or a file of ours. Null when the storage is local.
     */
    static LocalOptions.S3Credentials credentials(URI storageUri, URI endpoint, Map<String, String> environment) {
        if (storageUri == null) {
            if (endpoint != null) {
                throw new IllegalArgumentException("--s3-endpoint needs --storage-uri s3://bucket/prefix");
            }
            return null;
        }
        String accessKey = environment.get(ACCESS_KEY_VARIABLE);
        String secretKey = environment.get(SECRET_KEY_VARIABLE);
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("--storage-uri " + storageUri + " needs S3 credentials in the environment variables "
                    + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE);
        }
        return new LocalOptions.S3Credentials(accessKey, secretKey);
    }

    private static URI parse(String flag, String value, String example) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(flag + " is not a URI (e.g. " + example + "): " + value);
        }
    }
}
