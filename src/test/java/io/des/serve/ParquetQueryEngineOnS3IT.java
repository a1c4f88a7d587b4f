package io.des.serve;

import io.des.it.S3ProxyEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The query engine contract on the Parquet engine reading a real S3 API (s3proxy) through the AWS
 * SDK's client with ranged GETs, as it does in AWS and in local mode on S3. One emulator for the
 * class; each test uploads its partitions under a prefix of its own.
 */
class ParquetQueryEngineOnS3IT {

    private static final String BUCKET = "des-serving-it";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @TempDir
    static Path emulatorDir;

    private static S3ProxyEmulator s3;
    private static S3Client client;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyEmulator.start(BUCKET, emulatorDir);
        client = s3.client();
    }

    @AfterAll
    static void stopS3() {
        if (client != null) {
            client.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Nested
    class Contract extends QueryEngineContractTest {
        @Override
        QueryEngine open(Path root) throws Exception {
            String prefix = "test-" + PREFIXES.incrementAndGet();
            s3.uploadTree(root, prefix + "/");
            return new ParquetQueryEngine(new S3StorageReader(client, URI.create("s3://" + BUCKET + "/" + prefix)));
        }
    }
}
