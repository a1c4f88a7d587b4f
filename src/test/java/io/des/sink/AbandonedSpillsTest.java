package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spill directories a killed compaction left behind go; those of a compaction that may be running stay. */
class AbandonedSpillsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void onlyCompactionDirectoriesIdleForTheWholeWindowAreRemoved() throws IOException {
        Path abandoned = spill("des-compaction-1", NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofHours(7)));
        Path stillWritten = spill("des-compaction-2", NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofMinutes(5)));
        Path fresh = spill("des-compaction-3", NOW.minus(Duration.ofMinutes(1)), NOW.minus(Duration.ofMinutes(1)));
        Path someoneElses = spill("other-tool-1", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)));

        assertEquals(1, AbandonedSpills.remove(tmp, Duration.ofHours(6), CLOCK));

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(stillWritten.resolve("bucket-0")), "a file changed five minutes ago: a compaction may be running");
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(someoneElses), "only DES's own spill directories are touched");
    }

    @Test
    void aMissingTempRootIsNothingToDo() throws IOException {
        assertEquals(0, AbandonedSpills.remove(tmp.resolve("absent"), Duration.ofHours(6), CLOCK));
    }

    @Test
    void theDirectoriesIndexBucketsCreatesAreTheOnesItLooksFor() throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, 10, 1024)) {
            buckets.add(0, new byte[] {1, 2, 3}, 3);
            try (var entries = Files.list(tmp)) {
                assertTrue(entries.allMatch(path -> path.getFileName().toString().startsWith(AbandonedSpills.PREFIX)));
            }
        }
    }

    private Path spill(String name, Instant directoryTime, Instant fileTime) throws IOException {
        Path directory = Files.createDirectories(tmp.resolve(name));
        Path bucket = Files.write(directory.resolve("bucket-0"), new byte[] {1, 2, 3});
        Files.setLastModifiedTime(bucket, FileTime.from(fileTime));
        Files.setLastModifiedTime(directory, FileTime.from(directoryTime));
        return directory;
    }
}
