package io.des.sink;

import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Where and as whom DES calls the S3 API for what Flink's S3 file system does not do for it
 * (aborting abandoned multipart uploads, removing expired data): the endpoint, path-style access
 * and credentials that {@code flink-s3-fs-hadoop} reads from Flink's configuration, so DES's own
 * calls reach the same S3 as the same principal as the sink's writes.
 *
 * <p>{@link #standard()} is AWS as Managed Flink runs it: AWS's endpoint for the bucket's region,
 * virtual-hosted requests, the standard AWS credential chain (the application's role). Flink's
 * keys override it, under any of the prefixes Flink forwards to S3A ({@code s3.}, {@code s3a.},
 * {@code fs.s3a.}): {@code endpoint}, {@code endpoint.region}, {@code path.style.access}
 * ({@code path-style-access}), {@code access.key} ({@code access-key}) and {@code secret.key}
 * ({@code secret-key}). Static credentials are used only when both keys are set, as S3A does.
 *
 * <p>Configuration only, serialized into the job graph; a client is built where the operator runs
 * ({@link #open}). When Flink's configuration holds static credentials (local mode), the secret
 * travels in the job graph with the operator that uses it, as any connector's configuration does;
 * {@link #toString} never shows it.
 */
public final class S3Connection implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The prefixes under which Flink hands a key to S3A ({@code S3FileSystemFactory}). */
    private static final List<String> FLINK_PREFIXES = List.of("s3.", "s3a.", "fs.s3a.");
    /** S3 APIs other than AWS's (s3proxy, MinIO) accept any region in the signature; AWS's SDK needs one. */
    private static final Region REGION_OFF_AWS = Region.US_EAST_1;

    private final URI endpoint;
    private final String region;
    private final boolean pathStyle;
    private final String accessKey;
    private final String secretKey;

    private S3Connection(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {
        this.endpoint = endpoint;
        this.region = region;
        this.pathStyle = pathStyle;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** AWS's endpoint, virtual-hosted requests, the standard credential chain. */
    public static S3Connection standard() {
        return new S3Connection(null, null, false, null, null);
    }

    /** Another S3 API, e.g. {@code http://127.0.0.1:9000}; null keeps AWS's. */
    public S3Connection withEndpoint(URI endpoint) {
        return new S3Connection(endpoint, region, pathStyle, accessKey, secretKey);
    }

    /** Bucket in the path rather than in the host name (needed where buckets have no DNS names). */
    public S3Connection withPathStyle(boolean pathStyle) {
        return new S3Connection(endpoint, region, pathStyle, accessKey, secretKey);
    }

    /** Static credentials instead of the standard chain. */
    public S3Connection withCredentials(String accessKey, String secretKey) {
        if (isBlank(accessKey) || isBlank(secretKey)) {
            throw new IllegalArgumentException("static S3 credentials need both an access key and a secret key");
        }
        return new S3Connection(endpoint, region, pathStyle, accessKey, secretKey);
    }

    /** What {@code flink-s3-fs-hadoop} would use with {@code flink}; {@link #standard()} where it sets nothing. */
    public static S3Connection fromFlinkConfiguration(ReadableConfig flink) {
        boolean ssl = flinkKey(flink, "connection.ssl.enabled").map(Boolean::parseBoolean).orElse(true);
        S3Connection connection = new S3Connection(
                flinkKey(flink, "endpoint").map(value -> endpointUri(value, ssl)).orElse(null),
                flinkKey(flink, "endpoint.region").orElse(null),
                flinkKey(flink, "path.style.access", "path-style-access").map(Boolean::parseBoolean).orElse(false),
                null, null);
        Optional<String> accessKey = flinkKey(flink, "access.key", "access-key").filter(v -> !v.isBlank());
        Optional<String> secretKey = flinkKey(flink, "secret.key", "secret-key").filter(v -> !v.isBlank());
        return accessKey.isPresent() && secretKey.isPresent()
                ? connection.withCredentials(accessKey.get(), secretKey.get())
                : connection;
    }

    /**
     * Sets these values as Flink's keys on {@code flink}, for the file system to read: the reverse
     * of {@link #fromFlinkConfiguration}. Flink's logs and web UI mask keys named {@code secret}.
     */
    public void applyTo(Configuration flink) {
        if (endpoint != null) {
            flink.setString("s3.endpoint", endpoint.toString());
        }
        if (region != null) {
            flink.setString("s3.endpoint.region", region);
        }
        flink.setString("s3.path.style.access", String.valueOf(pathStyle));
        if (hasStaticCredentials()) {
            flink.setString("s3.access-key", accessKey);
            flink.setString("s3.secret-key", secretKey);
        }
    }

    /** Whether Flink writes {@code uri} through its S3 file system ({@code s3://} or {@code s3a://}). */
    public static boolean isS3(URI uri) {
        return "s3".equals(uri.getScheme()) || "s3a".equals(uri.getScheme());
    }

    /** A new client; the caller closes it. Makes no request. */
    public S3Client open() {
        S3ClientBuilder builder = S3Client.builder().forcePathStyle(pathStyle).credentialsProvider(credentials());
        if (endpoint != null) {
            // S3-compatible servers may predate the SDK's default trailing checksums.
            builder.endpointOverride(endpoint)
                    .region(region != null ? Region.of(region) : REGION_OFF_AWS)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            // Any bucket's region: the SDK follows S3's redirect from the region it starts with.
            builder.region(region != null ? Region.of(region) : defaultRegion()).crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        return hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.create();
    }

    private boolean hasStaticCredentials() {
        return accessKey != null && secretKey != null;
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException noneConfigured) {
            return Region.US_EAST_1;
        }
    }

    /** The first of {@code names} set under any of Flink's S3 prefixes. */
    private static Optional<String> flinkKey(ReadableConfig flink, String... names) {
        for (String name : names) {
            for (String prefix : FLINK_PREFIXES) {
                Optional<String> value = flink.getOptional(ConfigOptions.key(prefix + name).stringType().noDefaultValue());
                if (value.isPresent()) {
                    return value.map(String::trim);
                }
            }
        }
        return Optional.empty();
    }

    /** S3A takes a host alone too, with https unless SSL is switched off. */
    private static URI endpointUri(String value, boolean ssl) {
        return URI.create(value.contains("://") ? value : (ssl ? "https://" : "http://") + value);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof S3Connection)) {
            return false;
        }
        S3Connection that = (S3Connection) o;
        return pathStyle == that.pathStyle
                && Objects.equals(endpoint, that.endpoint)
                && Objects.equals(region, that.region)
                && Objects.equals(accessKey, that.accessKey)
                && Objects.equals(secretKey, that.secretKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, region, pathStyle, accessKey);
    }

    @Override
    public String toString() {
        return "S3Connection[endpoint=" + (endpoint == null ? "AWS" : endpoint)
                + (region == null ? "" : ", region=" + region)
                + ", pathStyle=" + pathStyle
                + ", credentials=" + (hasStaticCredentials() ? "static " + accessKey + " (secret hidden)" : "standard chain") + "]";
    }
}
