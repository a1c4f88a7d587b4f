package io.des.serve;

import io.des.model.Erids;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a local storage root holds for one tenant's ERID in a date range. Paths are built only from
 * a validated tenant, ERID and dates through {@link StorageLayout}, never from raw input, and the
 * scan visits the range's dates under the tenant's own prefix instead of listing every partition:
 * another tenant's partitions are never looked at.
 *
 * @param completed published partitions whose {@code _SUCCESS} marker exists
 * @param inProgress whether an {@code _incomplete} partition or a published one without marker exists
 * @param committedFiles the committed Parquet files of the in-progress partitions
 */
record LocalPartitions(List<CompletedPartition> completed, boolean inProgress, List<Path> committedFiles) {

    /** A published partition and its marker. */
    record CompletedPartition(Path directory, SuccessMarker marker) {

        /** The marker's files, resolved in the partition directory. */
        List<Path> files() {
            return marker.files().stream().map(directory::resolve).toList();
        }
    }

    LocalPartitions {
        completed = List.copyOf(completed);
        committedFiles = List.copyOf(committedFiles);
    }

    /** Scans {@code root} for the tenant's ERID's partitions dated within {@code range}. */
    static LocalPartitions scan(Path root, String tenant, String erid, DateRange range) throws IOException {
        TenantIds.requireValid(tenant);
        Erids.requireValid(erid);
        List<CompletedPartition> completed = new ArrayList<>();
        List<Path> committedFiles = new ArrayList<>();
        boolean inProgress = false;
        for (LocalDate date : range.dates()) {
            String requestDate = date.toString();
            Path published = root.resolve(StorageLayout.publishedPartitionPath(tenant, requestDate, erid));
            Path incomplete = root.resolve(StorageLayout.incompletePartitionPath(tenant, requestDate, erid));
            byte[] marker = readIfExists(published.resolve(StorageLayout.SUCCESS_MARKER));
            if (marker != null) {
                completed.add(new CompletedPartition(published, SuccessMarker.parse(marker)));
                continue;
            }
            for (Path directory : List.of(published, incomplete)) {
                if (Files.isDirectory(directory)) {
                    inProgress = true;
                    committedFiles.addAll(committedParquetFiles(directory));
                }
            }
        }
        return new LocalPartitions(completed, inProgress, committedFiles);
    }

    private static byte[] readIfExists(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Visible Parquet files; writers keep in-progress files hidden (leading dot) until committed. */
    private static List<Path> committedParquetFiles(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(path -> {
                        String name = path.getFileName().toString();
                        return !name.startsWith(".")
                                && name.endsWith(StorageLayout.PARQUET_EXTENSION)
                                && Files.isRegularFile(path);
                    })
                    .sorted()
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of(); // moved away by the publisher between the check and the listing
        }
    }
}
