package io.des.sink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes the compaction spill directories ({@link IndexBuckets}) that a process killed mid-compaction
 * left on the task manager's local disk: {@link IndexBuckets#close()} never ran for them, and a
 * host restarting its task managers would otherwise fill its disk with them over time.
 *
 * <p>A directory is removed only when nothing in it changed for {@code idle}: a live compaction
 * writes its spill continuously and then reads it back, range by range, within minutes even for
 * very large ERIDs, so a directory idle for hours belongs to no running compaction on this host.
 */
final class AbandonedSpills {

    static final String PREFIX = "des-compaction-";
    static final Duration DEFAULT_IDLE = Duration.ofHours(6);

    private AbandonedSpills() {}

    /** @return how many directories were removed */
    static int remove(Path tempRoot, Duration idle, Clock clock) throws IOException {
        if (!Files.isDirectory(tempRoot)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(idle);
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(tempRoot)) {
            candidates = entries.filter(path -> path.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(path))
                    .toList();
        }
        int removed = 0;
        for (Path directory : candidates) {
            if (lastChange(directory).isBefore(cutoff)) {
                deleteTree(directory);
                removed++;
            }
        }
        return removed;
    }

    /** The newest modification time of the directory and the files in it. */
    private static Instant lastChange(Path directory) throws IOException {
        FileTime newest = Files.getLastModifiedTime(directory);
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.compareTo(newest) > 0) {
                    newest = modified;
                }
            }
        }
        return newest.toInstant();
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
