package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.serve.EnrichedDataFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged API jar ({@code des-<version>-api.jar}, what runs in AWS) serves rows with its default
 * engine: the Parquet engine, through the SDK's S3 client, on s3proxy. Catches a dependency the shade
 * plugin left out, which only shows when the jar runs on its own (failsafe runs after {@code package}).
 */
class ApiJarServingIT {

    private static final String BUCKET = "des-api-jar-it";
    private static final String ERID = "2b4c6d8e-0f1a-4b3c-9d5e-7f9a1b3c5d7e";

    @Test
    void theApiJarReadsAPageOfACompactedSnappyFileOnS3(@TempDir Path tmp) throws Exception {
        Path storage = tmp.resolve("storage");
        new EnrichedDataFixture(storage, "acme").compacted("2024-02-09", ERID, 3_000, 1_000);
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"))) {
            s3.uploadTree(storage, "des/");
            Path output = tmp.resolve("probe.out");
            Process probe = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", apiJar() + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                    ApiJarServingProbe.class.getName(),
                    s3.endpoint(), "s3://" + BUCKET + "/des", "acme", ERID, "2024-02-09", "2", "1000")
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            assertTrue(probe.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, probe.exitValue(), printed);
            assertTrue(printed.contains("record_index " + LongStream.range(1_000, 2_000).boxed().toList()), printed);
        }
    }

    private static Path apiJar() throws IOException {
        Path target = Path.of(System.getProperty("des.project.dir", "."), "target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches("des-.*-api\\.jar")).toList();
            assertEquals(1, jars.size(), "one API jar in target/ (mvn package builds it): " + jars);
            return jars.get(0);
        }
    }
}
