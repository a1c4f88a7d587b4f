package io.des.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.Erids;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a complete ERID partition: compacts the committed files of {@code
 * tenant=T/request_date=D/erid=E_incomplete/} into {@code tenant=T/request_date=D/erid=E/}, sorted
 * by {@code record_index} ({@link PartitionCompactor}), blocking (run it off the task thread).
 * Idempotent and restartable at every step, because a publish is retried from the start after any
 * failure, restore or replay:
 *
 * <ol>
 *   <li>the compacted files are written, each visible only once complete, and those an earlier
 *       attempt completed are kept; their rows are checked: {@code numberOfRecords} of them, each
 *       index {@code 0..N-1} once;
 *   <li>{@code _SUCCESS} is written last, naming only the compacted files, so readers that wait for
 *       it never see half a partition, nor a row twice;
 *   <li>committed files an earlier DES version had already moved into {@code erid=E/} are removed,
 *       then the catalog is told (idempotent by contract) — also when {@code _SUCCESS} already
 *       exists, because an earlier attempt may have stopped between the steps;
 *   <li>the {@code _incomplete} directory, with the committed files, is deleted.
 * </ol>
 */
final class PartitionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names the sink writer produces; nothing else from a request becomes a path. */
    private static final Pattern PART_FILE_NAME = Pattern.compile("^part-[0-9a-f-]{36}-\\d+-\\d+\\.parquet$");
    private static final String SUCCESS_IN_PROGRESS = StorageLayout.SUCCESS_MARKER + ".inprogress";

    private final Path root;
    private final PartitionCatalog catalog;
    private final PartitionCompactor compactor;
    private final Clock clock;

    PartitionPublisher(String rootUri, PartitionCatalog catalog, Clock clock) {
        this(rootUri, catalog, new PartitionCompactor(), clock);
    }

    PartitionPublisher(String rootUri, PartitionCatalog catalog, PartitionCompactor compactor, Clock clock) {
        this.root = new Path(rootUri);
        this.catalog = catalog;
        this.compactor = compactor;
        this.clock = clock;
    }

    /** What a publish tells its caller about its steps, for metrics. */
    interface StepListener {
        StepListener NONE = new StepListener() {
            @Override
            public void compacted(long millis) {}

            @Override
            public void successWritten() {}
        };

        /** The ERID's committed files were compacted, in this many milliseconds. */
        void compacted(long millis);

        /** {@code _SUCCESS} was written: the partition is visible to readers. */
        void successWritten();
    }

    PublishedPartition publish(PublishRequest request) throws Exception {
        return publish(request, StepListener.NONE);
    }

    /** @param steps told of the compaction and the marker; not told when an earlier attempt wrote {@code _SUCCESS} */
    PublishedPartition publish(PublishRequest request, StepListener steps) throws Exception {
        String tenant = TenantIds.requireValid(request.tenant);
        String requestDate = StorageLayout.requireDate(request.requestDate);
        String erid = Erids.requireValid(request.erid);
        requireRowsAddUp(request);
        Path incomplete = new Path(root, StorageLayout.incompletePartitionPath(tenant, requestDate, erid));
        Path published = new Path(root, StorageLayout.publishedPartitionPath(tenant, requestDate, erid));
        FileSystem fs = published.getFileSystem();
        Path success = new Path(published, StorageLayout.SUCCESS_MARKER);

        if (!fs.exists(success)) {
            fs.mkdirs(published);
            long compactionStart = System.nanoTime();
            List<CompactedFile> compacted = compactor.compact(
                    fs, committedFiles(fs, request, incomplete, published), published, tenant, erid, request.numberOfRecords);
            steps.compacted(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compactionStart));
            writeSuccessMarker(fs, published, request, compacted);
            steps.successWritten();
        }
        removeMovedCommittedFiles(fs, request, published, success);
        PartitionCompactor.removeAbandonedAttempts(fs, published);
        String partitionUri = published.toUri().toString();
        catalog.register(tenant, requestDate, erid, partitionUri);
        if (fs.exists(incomplete)) {
            fs.delete(incomplete, true);
        }
        LOG.info("Published ERID {} of tenant {} ({} rows of {} committed files) at {}",
                erid, tenant, request.numberOfRecords, request.files.size(), partitionUri);
        return new PublishedPartition(tenant, erid, requestDate, request.numberOfRecords, partitionUri);
    }

    /**
     * Where each committed file is: in {@code _incomplete}, or, if a publish of a DES version
     * before compaction moved it, in the published directory.
     */
    private static List<Path> committedFiles(FileSystem fs, PublishRequest request, Path incomplete, Path published)
            throws IOException {
        List<Path> files = new ArrayList<>(request.files.size());
        for (CommittedFile file : request.files) {
            String name = requireFileName(file.fileName);
            Path committed = new Path(incomplete, name);
            Path moved = new Path(published, name);
            if (fs.exists(committed)) {
                files.add(committed);
            } else if (fs.exists(moved)) {
                files.add(moved);
            } else {
                throw new FileNotFoundException("committed file " + committed + " is missing and was never published");
            }
        }
        return files;
    }

    /**
     * Committed files moved into the published directory by an earlier DES version are superseded
     * by the compacted files once {@code _SUCCESS} names those; removed before the catalog is told,
     * because Athena reads every file of a partition. Files an old {@code _SUCCESS} names stay.
     */
    private static void removeMovedCommittedFiles(FileSystem fs, PublishRequest request, Path published, Path success)
            throws IOException {
        Set<String> named = new HashSet<>();
        try (InputStream in = fs.open(success)) {
            JSON.readTree(in).path("files").forEach(file -> named.add(file.asText()));
        }
        for (CommittedFile file : request.files) {
            Path moved = new Path(published, requireFileName(file.fileName));
            if (!named.contains(file.fileName) && fs.exists(moved)) {
                fs.delete(moved, false);
            }
        }
    }

    private static void requireRowsAddUp(PublishRequest request) {
        long rows = request.files.stream().mapToLong(file -> file.rows).sum();
        if (rows != request.numberOfRecords) {
            throw new IllegalArgumentException("ERID " + request.erid + " of tenant " + request.tenant
                    + ": files hold " + rows
                    + " rows but the request has " + request.numberOfRecords + " records");
        }
    }

    private static String requireFileName(String fileName) {
        if (fileName == null || !PART_FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("not a file name the sink writes: " + fileName);
        }
        return fileName;
    }

    private static boolean renameIfSupported(FileSystem fs, Path source, Path target) throws IOException {
        try {
            return fs.rename(source, target);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Written under a temporary name and renamed, so that a reader never sees a partial marker. */
    private void writeSuccessMarker(FileSystem fs, Path published, PublishRequest request, List<CompactedFile> compacted)
            throws IOException {
        ObjectNode marker = JSON.createObjectNode()
                .put("tenant", request.tenant)
                .put("erid", request.erid)
                .put("request_date", request.requestDate)
                .put("rows", request.numberOfRecords);
        ArrayNode files = marker.putArray("files");
        compacted.forEach(file -> files.add(file.name()));
        marker.put("published_at", clock.instant().toString());
        // Which rows each file holds, so that a reader of one page opens only the file holding it.
        ArrayNode ranges = marker.putArray("file_ranges");
        compacted.forEach(file -> ranges.addObject()
                .put("file", file.name())
                .put("first_record_index", file.firstRecordIndex())
                .put("rows", file.rows()));
        byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(marker);

        Path success = new Path(published, StorageLayout.SUCCESS_MARKER);
        Path inProgress = new Path(published, SUCCESS_IN_PROGRESS);
        write(fs, inProgress, content);
        if (!renameIfSupported(fs, inProgress, success)) {
            // Object stores publish a new object atomically anyway.
            write(fs, success, content);
            fs.delete(inProgress, false);
        }
    }

    private static void write(FileSystem fs, Path path, byte[] content) throws IOException {
        try (OutputStream out = fs.create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write(content);
        }
    }
}
