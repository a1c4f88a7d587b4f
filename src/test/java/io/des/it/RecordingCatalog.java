package io.des.it;

import io.des.sink.PartitionCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A partition catalog that appends every registration's ERID to a file, so tests can count
 * publications (the flows of these tests send as one tenant).
 */
final class RecordingCatalog implements PartitionCatalog {

    private final String file;

    RecordingCatalog(Path file) {
        this.file = file.toString();
    }

    @Override
    public synchronized void register(String tenant, String requestDate, String erid, String partitionUri) {
        try {
            Files.writeString(Path.of(file), erid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> registrations(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
