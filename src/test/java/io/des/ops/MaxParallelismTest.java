package io.des.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.job.EnrichmentJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The template's {@code Parallelism} bound and {@code scale.sh}'s check repeat the job's maximum
 * parallelism (the template is a build of its own, the script is bash): a change of the job's value
 * fails here until both follow, since a savepoint cannot be restored above it.
 */
class MaxParallelismTest {

    @Test
    void theTemplateAndTheScaleScriptBoundParallelismByTheJobsMaximum() throws IOException {
        int max = EnrichmentJob.MAX_PARALLELISM;
        String parameters = Files.readString(Path.of("infra/src/main/java/io/des/infra/DesParameters.java"));
        assertTrue(parameters.contains("static final int MAX_PARALLELISM = " + max + ";"), "infra DesParameters.MAX_PARALLELISM");
        String scale = Files.readString(Path.of("scripts/aws/scale.sh"));
        assertTrue(scale.contains("[ \"$PARALLELISM\" -le " + max + " ]"), "scripts/aws/scale.sh");
    }
}
