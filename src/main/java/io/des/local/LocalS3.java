package io.des.local;

import io.des.serve.QueryEngine;
import io.des.serve.QueryEngineException;
import io.des.serve.ResultPage;
import io.des.serve.EridStatus;
import java.net.URI;
import java.time.LocalDate;
import org.apache.flink.configuration.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Local mode on S3 storage ({@code --storage-uri s3://…}): Flink's S3 keys, and the API's S3 side. */
final class LocalS3 {

    private LocalS3() {}

    /**
     * The keys {@code flink-s3-fs-hadoop} reads (Flink mirrors {@code s3.*} and {@code fs.s3a.*} to
     * S3A). The secret goes only into the in-memory configuration, whose logs and web UI mask keys
     * named {@code secret}.
     */
    static void configure(Configuration conf, LocalOptions options) {
        if (options.s3Endpoint != null) {
            conf.setString("s3.endpoint", options.s3Endpoint.toString());
        }
        // Path-style: an S3 API on loopback has no per-bucket host names; AWS accepts it as well.
        conf.setString("s3.path.style.access", "true");
        conf.setString("s3.access-key", options.s3Credentials.accessKeyId());
        conf.setString("s3.secret-key", options.s3Credentials.secretAccessKey());
        // Publishing renames (copy + delete); with marker deletion, S3A's rename can hang on some S3
        // APIs (s3proxy's filesystem provider) in deleteUnnecessaryFakeDirectories. DES never relies on markers.
        conf.setString("fs.s3a.directory.marker.retention", "keep");
    }

    /** An SDK client for the API's own S3 calls, on the same endpoint and credentials as the job. */
    static S3Client client(LocalOptions options) {
        S3ClientBuilder builder = S3Client.builder()
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        options.s3Credentials.accessKeyId(), options.s3Credentials.secretAccessKey())));
        if (options.s3Endpoint != null) {
            // S3-compatible servers may predate the SDK's default trailing checksums.
            builder.endpointOverride(options.s3Endpoint).region(Region.US_EAST_1)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else {
            builder.region(Region.US_EAST_1).crossRegionAccessEnabled(true);
        }
        return builder.build();
    }

    /**
     * Serving rows from S3 is not in local mode yet (DuckDB's S3 extension is downloaded at run time,
     * which DES must not depend on): GET answers status and progress from the registry, and a
     * completed ERID's rows are refused with this reason in the log rather than shown as empty.
     */
    static QueryEngine rowsNotServed(URI storageUri) {
        String reason = "local mode serves rows only from local storage; the data of this ERID is under " + storageUri
                + " (read it there, or run without --storage-uri)";
        return new QueryEngine() {
            @Override
            public EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate) {
                throw new QueryEngineException(reason);
            }

            @Override
            public ResultPage page(String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize) {
                throw new QueryEngineException(reason);
            }

            @Override
            public void close() {}
        };
    }
}
