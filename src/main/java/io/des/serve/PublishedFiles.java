package io.des.serve;

import io.des.model.StorageLayout;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's published ERID partition as its {@code _SUCCESS} marker describes it: the one way every
 * query engine finds a completed ERID's files and row count. The marker is written last, so its
 * presence means every file it names is in place; files it does not name are never read.
 *
 * @param partitionPath the partition below the storage root ({@link StorageLayout#publishedPartitionPath})
 * @param marker the parsed marker
 */
record PublishedFiles(String partitionPath, SuccessMarker marker) {

    /**
     * Reads the marker of the tenant's ERID published under {@code requestDate}; empty when there is
     * none (not published). The path is built from the validated tenant, ERID and date.
     *
     * @throws IllegalArgumentException for an invalid tenant or ERID, or a marker that is unreadable,
     *     names an unsafe file, or names another tenant, ERID or date than its path
     */
    static Optional<PublishedFiles> read(StorageReader storage, String tenant, String erid, LocalDate requestDate)
            throws IOException {
        String partition = StorageLayout.publishedPartitionPath(tenant, requestDate.toString(), erid);
        Optional<byte[]> bytes = storage.readIfExists(partition + "/" + StorageLayout.SUCCESS_MARKER);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        SuccessMarker marker = SuccessMarker.parse(bytes.get());
        requireSame("tenant", tenant, marker.tenant());
        requireSame("erid", erid, marker.erid());
        requireSame("request_date", requestDate.toString(), marker.requestDate());
        return Optional.of(new PublishedFiles(partition, marker));
    }

    /** The paths of the marker's files below the storage root, in the marker's order. */
    List<String> filePaths() {
        return marker.files().stream().map(file -> partitionPath + "/" + file).toList();
    }

    /** The partition's row count: the ERID's number of records. */
    long rows() {
        return marker.rows();
    }

    /** A marker may leave a value out (older markers did); one it gives must be its path's. */
    private static void requireSame(String name, String expected, String inMarker) {
        if (inMarker != null && !inMarker.equals(expected)) {
            throw new IllegalArgumentException("_SUCCESS of " + expected + " names " + name + " " + inMarker);
        }
    }
}
