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

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
