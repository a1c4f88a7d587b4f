package io.des.local;

import io.des.serve.QueryEngine;
import io.des.serve.QueryEngineException;
import io.des.serve.ResultPage;
import io.des.serve.EridStatus;
import io.des.sink.S3Connection;
import java.net.URI;
import java.time.LocalDate;
import org.apache.flink.configuration.Configuration;

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
