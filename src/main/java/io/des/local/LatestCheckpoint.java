package io.des.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what local mode resumes from under its checkpoint directory: the newest complete checkpoint
 * ({@code <dir>/<job id>/chk-<n>/_metadata}) or savepoint ({@code <dir>/savepoints/savepoint-…/_metadata},
 * written when local mode stops). Each local start gets a new job id, so the newest across all job
 * directories is the one to resume from. One without {@code _metadata} was cut off mid-write and is
 * ignored.
 */
final class LatestCheckpoint {

    /** Where local mode's stop writes its savepoints, inside the checkpoint directory. */
    static final String SAVEPOINTS_DIR = "savepoints";

    private LatestCheckpoint() {}

    static Optional<Path> in(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(checkpointDir, 3,
                (path, attributes) -> path.getFileName().toString().equals("_metadata") && isSnapshot(path.getParent()))) {
            return files.max(Comparator.comparing(LatestCheckpoint::modified)).map(Path::getParent);
        }
    }

    private static boolean isSnapshot(Path dir) {
        String name = dir.getFileName().toString();
        return name.startsWith("chk-")
                || name.startsWith("savepoint-") && dir.getParent().getFileName().toString().equals(SAVEPOINTS_DIR);
    }

    /**
     * Deletes the checkpoint directories of earlier runs, and savepoints, except the one holding
     * {@code keep}: each start is a new job id, and without this every restart would leave its
     * checkpoints or savepoint behind. With the hashmap state backend a checkpoint or savepoint is
     * self-contained, so nothing else is referenced.
     */
    static void pruneOtherRuns(Path checkpointDir, Optional<Path> keep) throws IOException {
        Optional<Path> keptRun = keep.map(Path::getParent);
        deleteAllBut(checkpointDir, keptRun);
        if (keptRun.map(run -> run.getFileName().toString().equals(SAVEPOINTS_DIR)).orElse(false)) {
            deleteAllBut(keptRun.get(), keep);
        }
    }

    private static void deleteAllBut(Path dir, Optional<Path> kept) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (Files.isDirectory(child) && !kept.map(child::equals).orElse(false)) {
                    deleteRecursively(child);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
