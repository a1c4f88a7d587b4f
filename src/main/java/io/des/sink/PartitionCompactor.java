package io.des.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the committed files of a complete ERID into compacted files sorted by {@code
 * record_index}: one, or several past a size bound ({@link CompactionPlan}), in the layout of
 * {@link CompactedParquet}. Blocking: it runs on the publish function's own threads.
 *
 * <p>One pass ({@link CompactionPass}) reads the committed files on a thread of its own, in the
 * order of their lowest index ({@link SpillOrder}), while the calling thread writes each compacted
 * file index range by index range, as soon as no unread file can hold a row of a range: records
 * reach the sink roughly in index order, so reading and writing overlap. Between the two, rows are
 * held in memory ({@link HeldRows}) while the task manager's {@link HeldRowsBudget} allows, and
 * written as they were read; past it the pass is done again through the local disk ({@link
 * SpilledRows}, {@link IndexBuckets}): O(N) either way, and the memory of a few buckets on disk,
 * whatever the ERID's size.
 *
 * <p>Safe to run again at any point: a compacted file becomes visible only complete (Flink's
 * recoverable writer: a hidden file renamed on local disk, a multipart upload completed on S3), a
 * file already there is kept when its footer proves it complete, any other is written again, and
 * every file is checked before it is returned. Nothing is deleted here: the committed files stay
 * until the publisher has written {@code _SUCCESS}.
 */
final class PartitionCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionCompactor.class);

    /** Past this many bytes of committed files an ERID is compacted into several files. */
    static final long DEFAULT_MAX_FILE_BYTES = 512L * 1024 * 1024;
    /**
     * Through the disk, the largest index range read into memory at once. With the row group
     * buffer ({@link CompactedParquet#ROW_GROUP_BUFFER_BYTES}) and the spill's write buffers, a
     * compaction through the disk holds about 50 MB at most, so the publish function's {@value
     * PartitionPublishFunction#MAX_CONCURRENT_PUBLISHES} threads about 200 MB (typical rows of a few
     * hundred bytes need a tenth of it). Rows held instead are bounded by the {@link HeldRowsBudget}.
     */
    static final long DEFAULT_BUCKET_LOAD_BYTES = 32L * 1024 * 1024;
    /**
     * A held row is counted as this many times its bytes in the (uncompressed) committed files:
     * measured, 976 bytes of heap per row read back for 105 bytes per row committed (9.3 times),
     * for rows of 3 enriched fields; larger values weigh less than the fixed cost of ~45 columns.
     */
    static final long HELD_BYTES_PER_COMMITTED_BYTE = 12;

    private final long maxFileBytes;
    private final long bucketLoadBytes;
    private final java.nio.file.Path spillRoot;
    private final HeldRowsBudget heldRows;

    /** Holds rows within the task manager's budget, spills under {@link #defaultSpillRoot()}. */
    PartitionCompactor() {
        this(DEFAULT_MAX_FILE_BYTES, DEFAULT_BUCKET_LOAD_BYTES, defaultSpillRoot(), HeldRowsBudget.TASK_MANAGER);
    }

    /** {@code java.io.tmpdir}, which on a task manager is on its local disk. */
    static java.nio.file.Path defaultSpillRoot() {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    PartitionCompactor(long maxFileBytes, long bucketLoadBytes, java.nio.file.Path spillRoot, HeldRowsBudget heldRows) {
        this.maxFileBytes = maxFileBytes;
        this.bucketLoadBytes = bucketLoadBytes;
        this.spillRoot = spillRoot;
        this.heldRows = heldRows;
    }

    /**
     * Makes sure the compacted files of the ERID are complete in {@code published}.
     *
     * @param sources the ERID's committed files, whose rows are its records {@code 0..N-1}
     * @return the compacted files, in index order, each checked complete
     * @throws IllegalStateException if a row is not the ERID's, or an index is missing or repeated
     */
    List<CompactedFile> compact(FileSystem fs, List<Path> sources, Path published, String tenant, String erid,
            long numberOfRecords) throws IOException {
        long started = System.nanoTime();
        long sourceBytes = 0;
        for (Path source : sources) {
            sourceBytes += fs.getFileStatus(source).getLen();
        }
        CompactionPlan plan = CompactionPlan.of(numberOfRecords, sourceBytes, maxFileBytes);
        List<CompactedFile> toWrite = new ArrayList<>();
        for (CompactedFile file : plan.files()) {
            if (CompactedParquet.problemWith(fs, new Path(published, file.name()), file) != null) {
                toWrite.add(file);
            }
        }
        String how = "nothing to write";
        if (!toWrite.isEmpty()) {
            try {
                how = write(fs, sources, published, plan, toWrite, sourceBytes,
                        new CompactionPass.EridRows(tenant, erid, numberOfRecords));
            } catch (IOException | RuntimeException e) {
                try {
                    removeAbandonedAttempts(fs, published); // else each retry of a failing publish leaves one
                } catch (IOException cleaning) {
                    e.addSuppressed(cleaning);
                }
                throw e;
            }
        }
        for (CompactedFile file : plan.files()) {
            String problem = CompactedParquet.problemWith(fs, new Path(published, file.name()), file);
            if (problem != null) {
                throw new IllegalStateException("compacted file " + file.name() + " of ERID " + erid + " of tenant "
                        + tenant + " is not complete: " + problem);
            }
        }
        LOG.info("Compacted ERID {} of tenant {}: {} rows of {} committed files ({} bytes) into {} ({} kept from an "
                        + "earlier attempt; {}) in {} ms", erid, tenant, numberOfRecords, sources.size(), sourceBytes,
                plan.files(), plan.files().size() - toWrite.size(), how, (System.nanoTime() - started) / 1_000_000);
        return plan.files();
    }

    /**
     * Removes what interrupted attempts left in the partition: on local disk the recoverable
     * writer's hidden in-progress files (S3 keeps no object for an upload never completed).
     */
    static void removeAbandonedAttempts(FileSystem fs, Path published) throws IOException {
        FileStatus[] entries = fs.listStatus(published);
        for (FileStatus entry : entries == null ? new FileStatus[0] : entries) {
            if (entry.getPath().getName().startsWith("." + CompactedFile.PREFIX)) {
                fs.delete(entry.getPath(), false);
            }
        }
    }

    /** Writes the files through memory when the rows to hold fit the budget, else through the disk; says which. */
    private String write(FileSystem fs, List<Path> sources, Path published, CompactionPlan plan,
            List<CompactedFile> toWrite, long sourceBytes, CompactionPass.EridRows erid) throws IOException {
        // The sink's files are uncompressed, so their bytes per row approximate the row group buffer's.
        long committedBytesPerRow = Math.max(1, sourceBytes / Math.max(1, erid.numberOfRecords()));
        int rowsPerRowGroup = CompactedParquet.rowsPerRowGroup(committedBytesPerRow);
        List<SpillOrder.Source> ordered = SpillOrder.of(fs, sources);
        long heldBytesPerRow = HELD_BYTES_PER_COMMITTED_BYTE * committedBytesPerRow;
        long heldBytesEstimate = SpillOrder.heldRowsEstimate(ordered, HeldRows.RANGE_ROWS) * heldBytesPerRow;
        if (heldBytesEstimate <= heldRows.bytes() / 4 * 3) {
            try (HeldRows held = new HeldRows(heldRows, heldBytesPerRow)) {
                CompactionPass.run(fs, ordered, published, plan, toWrite, rowsPerRowGroup, erid, held);
                return "rows held in memory";
            } catch (HeldRows.OverBudget overBudget) {
                LOG.info("Compacting ERID {} of tenant {} through the local disk after all: {}", erid.erid(),
                        erid.tenant(), overBudget.getMessage());
                removeAbandonedAttempts(fs, published);
            }
        }
        List<CompactedFile> stillToWrite = new ArrayList<>();
        for (CompactedFile file : toWrite) {
            if (CompactedParquet.problemWith(fs, new Path(published, file.name()), file) != null) {
                stillToWrite.add(file); // the others were completed from memory
            }
        }
        try (SpilledRows spilled = new SpilledRows(IndexBuckets.create(spillRoot, plan.bucketRows(), bucketLoadBytes))) {
            CompactionPass.run(fs, ordered, published, plan, stillToWrite, rowsPerRowGroup, erid, spilled);
        }
        return "through the local disk, about " + heldBytesEstimate + " bytes to hold";
    }
}
