package io.des.local;

import io.des.serve.ParquetQueryEngine;
import io.des.serve.QueryEngine;
import io.des.serve.S3StorageReader;
import io.des.sink.S3Connection;
import org.apache.flink.configuration.Configuration;
import software.amazon.awssdk.services.s3.S3Client;

/** Local mode on S3 storage ({@code --storage-uri s3://…}): Flink's S3 keys, and the API's S3 side. */
final class LocalS3 {

    private LocalS3() {}

    /**
     * The S3 API of {@code --s3-endpoint} (AWS's without it), path-style (an S3 API on loopback has
     * no per-bucket host names; AWS accepts it as well), with the credentials of the environment.
     */
    static S3Connection connection(LocalOptions options) {
        return S3Connection.standard()
                .withEndpoint(options.s3Endpoint)
                .withPathStyle(true)
                .withCredentials(options.s3Credentials.accessKeyId(), options.s3Credentials.secretAccessKey());
    }

    /**
     * The keys {@code flink-s3-fs-hadoop} reads (Flink mirrors {@code s3.*} and {@code fs.s3a.*} to
     * S3A). The secret goes only into the in-memory configuration, whose logs and web UI mask keys
     * named {@code secret}.
     */
    static void configure(Configuration conf, S3Connection connection) {
        connection.applyTo(conf);
        // Publishing renames (copy + delete); with marker deletion, S3A's rename can hang on some S3
        // APIs (s3proxy's filesystem provider) in deleteUnnecessaryFakeDirectories. DES never relies on markers.
        conf.setString("fs.s3a.directory.marker.retention", "keep");
    }

    /**
     * Rows of completed ERIDs straight from the bucket, through the API's client with ranged reads
     * (DuckDB's S3 extension is downloaded at run time, which DES does not depend on).
     */
    static QueryEngine engine(S3Client s3, LocalOptions options) {
        return new ParquetQueryEngine(new S3StorageReader(s3, options.storageUri));
    }
}
