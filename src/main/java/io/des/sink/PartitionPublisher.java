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
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a complete ERID partition from {@code tenant=T/request_date=D/erid=E_incomplete/} to
 * {@code tenant=T/request_date=D/erid=E/}, blocking (run it off the task thread). Idempotent,
 * because a publish is retried from the start after any failure, restore or replay:
 *
 * <ol>
 *   <li>each listed file is moved unless already there with the same length (a file missing from
 *       the source but present at the target was moved by an earlier attempt);
 *   <li>{@code _SUCCESS} is written last, so readers that wait for it never see half a partition;
 *   <li>the catalog is told (idempotent by contract) — also when {@code _SUCCESS} already exists,
 *       because an earlier attempt may have stopped between the two;
 *   <li>the {@code _incomplete} directory is deleted, with any abandoned in-progress files.
 * </ol>
 *
 * Works on any Flink file system: where rename is not supported the file is copied.
 */
final class PartitionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names the sink writer produces; nothing else from a request becomes a path. */
    private static final Pattern PART_FILE_NAME = Pattern.compile("^part-[0-9a-f-]{36}-\\d+-\\d+\\.parquet$");
    private static final String SUCCESS_IN_PROGRESS = StorageLayout.SUCCESS_MARKER + ".inprogress";

    private final Path root;
    private final PartitionCatalog catalog;
    private final Clock clock;

    PartitionPublisher(String rootUri, PartitionCatalog catalog, Clock clock) {
        this.root = new Path(rootUri);
        this.catalog = catalog;
        this.clock = clock;
    }

    PublishedPartition publish(PublishRequest request) throws Exception {
        String tenant = TenantIds.requireValid(request.tenant);
        String requestDate = StorageLayout.requireDate(request.requestDate);
        String erid = Erids.requireValid(request.erid);
        requireRowsAddUp(request);
        Path incomplete = new Path(root, StorageLayout.incompletePartitionPath(tenant, requestDate, erid));
        Path published = new Path(root, StorageLayout.publishedPartitionPath(tenant, requestDate, erid));
        FileSystem fs = published.getFileSystem();

        if (!fs.exists(new Path(published, StorageLayout.SUCCESS_MARKER))) {
            fs.mkdirs(published);
            for (CommittedFile file : request.files) {
                String name = requireFileName(file.fileName);
                moveIntoPlace(fs, new Path(incomplete, name), new Path(published, name));
            }
            writeSuccessMarker(fs, published, request);
        }
        String partitionUri = published.toUri().toString();
        catalog.register(tenant, requestDate, erid, partitionUri);
        if (fs.exists(incomplete)) {
            fs.delete(incomplete, true);
        }
        LOG.info("Published ERID {} of tenant {} ({} rows, {} files) at {}",
                erid, tenant, request.numberOfRecords, request.files.size(), partitionUri);
        return new PublishedPartition(tenant, erid, requestDate, request.numberOfRecords, partitionUri);
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

    private static void moveIntoPlace(FileSystem fs, Path source, Path target) throws IOException {
        boolean sourceExists = fs.exists(source);
        if (fs.exists(target)) {
            if (!sourceExists || fs.getFileStatus(target).getLen() == fs.getFileStatus(source).getLen()) {
                return;
            }
            // A copy cut short by a failure: start it again.
            fs.delete(target, false);
        } else if (!sourceExists) {
            throw new FileNotFoundException("committed file " + source + " is missing and was never published to " + target);
        }
        if (!renameIfSupported(fs, source, target)) {
            copy(fs, source, target);
        }
    }

    private static boolean renameIfSupported(FileSystem fs, Path source, Path target) throws IOException {
        try {
            return fs.rename(source, target);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static void copy(FileSystem fs, Path source, Path target) throws IOException {
        try (InputStream in = fs.open(source);
                OutputStream out = fs.create(target, FileSystem.WriteMode.OVERWRITE)) {
            in.transferTo(out);
        }
    }

    /** Written under a temporary name and renamed, so that a reader never sees a partial marker. */
    private void writeSuccessMarker(FileSystem fs, Path published, PublishRequest request) throws IOException {
        ObjectNode marker = JSON.createObjectNode()
                .put("tenant", request.tenant)
                .put("erid", request.erid)
                .put("request_date", request.requestDate)
                .put("rows", request.numberOfRecords);
        ArrayNode files = marker.putArray("files");
        request.files.forEach(file -> files.add(file.fileName));
        marker.put("published_at", clock.instant().toString());
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
