package io.des.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestCheckpointTest {

    private static Path checkpoint(Path root, String job, int id, long modifiedMillis, boolean complete) throws Exception {
        Path dir = Files.createDirectories(root.resolve(job).resolve("chk-" + id));
        if (complete) {
            Files.writeString(dir.resolve("_metadata"), "m");
            Files.setLastModifiedTime(dir.resolve("_metadata"), FileTime.fromMillis(modifiedMillis));
        }
        return dir;
    }

    @Test
    void newestCompleteCheckpointAcrossRunsIsChosenAndCutOffOnesAreIgnored(@TempDir Path root) throws Exception {
        checkpoint(root, "run-a", 7, 1_000, true);
        Path newest = checkpoint(root, "run-b", 2, 5_000, true);
        checkpoint(root, "run-b", 3, 9_000, false); // cut off before _metadata was written
        assertEquals(Optional.of(newest), LatestCheckpoint.in(root));
    }

    @Test
    void noCheckpointMeansAFreshStart(@TempDir Path root) throws Exception {
        assertEquals(Optional.empty(), LatestCheckpoint.in(root.resolve("missing")));
        assertEquals(Optional.empty(), LatestCheckpoint.in(root));
    }

    @Test
    void earlierRunsArePrunedButTheOneResumedFromIsKept(@TempDir Path root) throws Exception {
        checkpoint(root, "run-a", 7, 1_000, true);
        Path kept = checkpoint(root, "run-b", 2, 5_000, true);
        LatestCheckpoint.pruneOtherRuns(root, Optional.of(kept));
        assertFalse(Files.exists(root.resolve("run-a")));
        assertTrue(Files.exists(kept.resolve("_metadata")));
    }
}
