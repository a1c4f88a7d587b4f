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

    private static Path savepoint(Path root, String name, long modifiedMillis) throws Exception {
        Path dir = Files.createDirectories(root.resolve(LatestCheckpoint.SAVEPOINTS_DIR).resolve(name));
        Files.writeString(dir.resolve("_metadata"), "m");
        Files.setLastModifiedTime(dir.resolve("_metadata"), FileTime.fromMillis(modifiedMillis));
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

    @Test
    void theSavepointOfAStopIsResumedFromWhenNoCheckpointFollowedIt(@TempDir Path root) throws Exception {
        checkpoint(root, "run-a", 7, 1_000, true);
        Path stopped = savepoint(root, "savepoint-4f2a1b-0c9d8e7f6a5b", 5_000);
        assertEquals(Optional.of(stopped), LatestCheckpoint.in(root));

        Path later = checkpoint(root, "run-b", 1, 9_000, true); // the run started from it checkpointed since
        assertEquals(Optional.of(later), LatestCheckpoint.in(root));
    }

    @Test
    void olderSavepointsAndRunsArePrunedButTheSavepointResumedFromIsKept(@TempDir Path root) throws Exception {
        checkpoint(root, "run-a", 7, 1_000, true);
        savepoint(root, "savepoint-1a2b3c-111111111111", 2_000);
        Path kept = savepoint(root, "savepoint-4d5e6f-222222222222", 5_000);
        LatestCheckpoint.pruneOtherRuns(root, Optional.of(kept));
        assertFalse(Files.exists(root.resolve("run-a")));
        assertFalse(Files.exists(root.resolve(LatestCheckpoint.SAVEPOINTS_DIR).resolve("savepoint-1a2b3c-111111111111")));
        assertTrue(Files.exists(kept.resolve("_metadata")));

        LatestCheckpoint.pruneOtherRuns(root, Optional.of(checkpoint(root, "run-b", 1, 9_000, true)));
        assertFalse(Files.exists(kept), "a checkpoint after it supersedes the savepoint");
    }
}
