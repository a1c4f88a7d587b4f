package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars that run in AWS (the job jar for Managed Flink, the API jar for Lambda) hold the
 * job and the API but not the sandbox provider, which serves local mode and the tests only; a
 * deployed job calls real providers. The integration tests run on the compiled classes, so this is
 * the one look at the jars' contents (failsafe runs after {@code package}).
 */
class JobJarIT {

    @Test
    void theJobAndApiJarsLeaveOutTheSandboxProvider() throws IOException {
        try (JarFile job = new JarFile(jar("des-[^-]+(-SNAPSHOT)?\\.jar").toFile());
             JarFile api = new JarFile(jar("des-.*-api\\.jar").toFile())) {
            assertTrue(job.getEntry("io/des/job/EnrichmentJob.class") != null, "the job jar holds the job");
            assertTrue(api.getEntry("io/des/api/LifecycleLambda.class") != null, "the API jar holds the lifecycle function");
            for (JarFile jar : List.of(job, api)) {
                List<String> sandbox = jar.stream().map(entry -> entry.getName())
                        .filter(name -> name.startsWith("io/des/local/sandbox/")).toList();
                assertEquals(List.of(), sandbox, jar.getName());
            }
        }
    }

    private static Path jar(String namePattern) throws IOException {
        Path target = Path.of(System.getProperty("des.project.dir", "."), "target");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().matches(namePattern)).toList();
            assertEquals(1, jars.size(), "one jar named " + namePattern + " in target/ (mvn package builds it): " + jars);
            return jars.get(0);
        }
    }
}
