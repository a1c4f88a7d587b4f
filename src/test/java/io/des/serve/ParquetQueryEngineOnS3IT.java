package io.des.serve;

import io.des.it.S3ProxyEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
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
        QueryEngine open(Path root) throws IOException {
            URI storageRoot = URI.create("s3://" + BUCKET + "/test-" + PREFIXES.incrementAndGet());
            upload(root, storageRoot);
            return new ParquetQueryEngine(new S3StorageReader(client, storageRoot));
        }
    }

    /** Every file under {@code root} to the same relative key under {@code storageRoot}. */
    private static void upload(Path root, URI storageRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(root)) {
            files = tree.filter(Files::isRegularFile).toList();
        }
        String prefix = storageRoot.getPath().substring(1) + "/";
        for (Path file : files) {
            String key = prefix + root.relativize(file).toString().replace('\\', '/');
            client.putObject(request -> request.bucket(BUCKET).key(key), RequestBody.fromFile(file));
        }
    }
}
