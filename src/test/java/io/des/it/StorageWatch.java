package io.des.it;

import io.des.model.StorageLayout;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Polls the job's storage from a test: committed rows so far, files appearing. */
final class StorageWatch {

    private StorageWatch() {}

    /** Rows in committed files; a file the publisher moves away while it is read counts on the next poll. */
    static long committedRows(Path storage) throws Exception {
        Path table = storage.resolve(StorageLayout.TABLE_DIR);
        if (!Files.exists(table)) {
            return 0;
        }
        long rows = 0;
        // Partition directories are three levels down: tenant=…/request_date=…/erid=….
        try (Stream<Path> walk = Files.walk(table, 3)) {
            List<Path> dirs = walk.filter(Files::isDirectory).toList();
            for (Path dir : dirs) {
                rows += ParquetReadBack.rowsIn(dir).size();
            }
        } catch (FileNotFoundException | NoSuchFileException | UncheckedIOException movedAway) {
            return 0;
        }
        return rows;
    }

    static void awaitCommittedRows(Path storage, long atLeast, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (committedRows(storage) < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("fewer than " + atLeast + " rows committed after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static void awaitFile(Path file, Duration timeout) throws Exception {
        awaitPath(file, true, timeout);
    }

    /** Waits until {@code path} is gone, e.g. an {@code _incomplete} directory the publisher removes after {@code _SUCCESS}. */
    static void awaitGone(Path path, Duration timeout) throws Exception {
        awaitPath(path, false, timeout);
    }

    private static void awaitPath(Path path, boolean present, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Files.exists(path) != present) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(path + (present ? " did not appear in " : " was not removed in ") + timeout);
            }
            Thread.sleep(200);
        }
    }
}
