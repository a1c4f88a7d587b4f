package io.des.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete checkpoint under a checkpoint directory
 * ({@code <dir>/<job id>/chk-<n>/_metadata}): each local start gets a new job id, so the newest
 * across all job directories is the one to resume from. A checkpoint without {@code _metadata}
 * was cut off mid-write and is ignored.
 */
final class LatestCheckpoint {

    private LatestCheckpoint() {}

    static Optional<Path> in(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(checkpointDir, 3,
                (path, attributes) -> path.getFileName().toString().equals("_metadata")
                        && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return files.max(Comparator.comparing(LatestCheckpoint::modified)).map(Path::getParent);
        }
    }

    /**
     * Deletes the checkpoint directories of earlier runs except the one holding {@code keep}: each
     * start is a new job id, and without this every restart would leave its checkpoints behind.
     * With the hashmap state backend a checkpoint is self-contained, so nothing else is referenced.
     */
    static void pruneOtherRuns(Path checkpointDir, Optional<Path> keep) throws IOException {
        Optional<Path> keptRun = keep.map(Path::getParent);
        try (Stream<Path> runs = Files.list(checkpointDir)) {
            for (Path run : (Iterable<Path>) runs::iterator) {
                if (Files.isDirectory(run) && !keptRun.map(run::equals).orElse(false)) {
                    deleteRecursively(run);
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
