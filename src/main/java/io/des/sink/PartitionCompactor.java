package io.des.sink;

import io.des.model.EnrichedAvroSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the committed files of a complete ERID into compacted files sorted by {@code
 * record_index}: one, or several past a size bound ({@link CompactionPlan}), in the layout of
 * {@link CompactedParquet}. Blocking: it runs on the publish function's own threads.
 *
 * <p>One pass over the committed files spills each row to its index range on local disk, then
 * each compacted file is written range by range in index order ({@link IndexBuckets}): O(N), and
 * the memory of a few buckets, whatever the ERID's size.
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
     * The largest index range read into memory at once. With the row group buffer ({@link
     * CompactedParquet#ROW_GROUP_BUFFER_BYTES}) and the spill's write buffers, a compaction holds
     * about 50 MB at most, so the publish function's {@value PartitionPublishFunction#MAX_CONCURRENT_PUBLISHES}
     * threads about 200 MB (typical rows of a few hundred bytes need a tenth of it).
     */
    static final long DEFAULT_BUCKET_LOAD_BYTES = 32L * 1024 * 1024;
    private static final int INTERRUPT_CHECK_ROWS = 10_000;

    private final long maxFileBytes;
    private final long bucketLoadBytes;
    private final java.nio.file.Path spillRoot;

    /** Spills under {@link #defaultSpillRoot()}. */
    PartitionCompactor() {
        this(DEFAULT_MAX_FILE_BYTES, DEFAULT_BUCKET_LOAD_BYTES, defaultSpillRoot());
    }

    /** {@code java.io.tmpdir}, which on a task manager is on its local disk. */
    static java.nio.file.Path defaultSpillRoot() {
        return java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    PartitionCompactor(long maxFileBytes, long bucketLoadBytes, java.nio.file.Path spillRoot) {
        this.maxFileBytes = maxFileBytes;
        this.bucketLoadBytes = bucketLoadBytes;
        this.spillRoot = spillRoot;
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
        if (!toWrite.isEmpty()) {
            try {
                write(fs, sources, published, plan, toWrite, new EridRows(tenant, erid, numberOfRecords));
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
                        + "earlier attempt) in {} ms", erid, tenant, numberOfRecords, sources.size(), sourceBytes,
                plan.files(), plan.files().size() - toWrite.size(), (System.nanoTime() - started) / 1_000_000);
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

    private void write(FileSystem fs, List<Path> sources, Path published, CompactionPlan plan,
            List<CompactedFile> toWrite, EridRows erid) throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(spillRoot, plan.bucketRows(), bucketLoadBytes)) {
            spill(fs, sources, plan, new HashSet<>(toWrite), buckets, erid);
            int rowsPerRowGroup = CompactedParquet.rowsPerRowGroup(buckets.averageRowBytes());
            RecoverableWriter writer = fs.createRecoverableWriter();
            for (CompactedFile file : toWrite) {
                Path target = new Path(published, file.name());
                // Not named by any _SUCCESS yet, and not complete: an earlier attempt's, written anew.
                fs.delete(target, false);
                writeFile(writer.open(target), rowsPerRowGroup, buckets, file);
            }
        }
    }

    /** Pass one: every row of the files still to write goes to its index range on local disk. */
    private static void spill(FileSystem fs, List<Path> sources, CompactionPlan plan, Set<CompactedFile> toWrite,
            IndexBuckets buckets, EridRows erid) throws IOException {
        Configuration conf = new Configuration();
        // Rows of files written under an older schema are read into the current one (new columns null).
        AvroReadSupport.setAvroReadSchema(conf, EnrichedAvroSchema.SCHEMA);
        GenericDatumWriter<GenericRecord> avro = new GenericDatumWriter<>(EnrichedAvroSchema.SCHEMA);
        RowBytes bytes = new RowBytes();
        BinaryEncoder encoder = null;
        long rows = 0;
        for (Path source : sources) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(FlinkInputFile.of(fs, source))
                    .withDataModel(GenericData.get()).withConf(conf).build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    if (++rows % INTERRUPT_CHECK_ROWS == 0 && Thread.interrupted()) {
                        throw new InterruptedIOException("compaction interrupted");
                    }
                    long recordIndex = erid.requireOwn(row, source);
                    if (toWrite.contains(plan.fileOf(recordIndex))) {
                        bytes.reset();
                        encoder = EncoderFactory.get().directBinaryEncoder(bytes, encoder);
                        avro.write(row, encoder);
                        buckets.add(recordIndex, bytes.buffer(), bytes.size());
                    }
                }
            }
        }
    }

    /** Pass two for one file: its rows in index order into Parquet, made visible only complete. */
    private static void writeFile(RecoverableFsDataOutputStream stream, int rowsPerRowGroup, IndexBuckets buckets,
            CompactedFile file) throws IOException {
        try {
            CompactedParquetWriter parquet = new CompactedParquetWriter(stream, rowsPerRowGroup);
            GenericDatumReader<GenericRecord> avro = new GenericDatumReader<>(EnrichedAvroSchema.SCHEMA);
            buckets.drain(file.firstRecordIndex(), file.rows(), new IndexBuckets.RowConsumer() {
                private BinaryDecoder decoder;
                private GenericRecord row;

                @Override
                public void accept(byte[] data, int offset, int length) throws IOException {
                    decoder = DecoderFactory.get().binaryDecoder(data, offset, length, decoder);
                    row = avro.read(row, decoder); // the Parquet writer copies each row: one instance will do
                    parquet.write(row);
                }
            });
            parquet.finish();
            stream.closeForCommit().commit();
        } catch (IOException | RuntimeException e) {
            try {
                stream.close(); // never committed: an upload or hidden file nobody will name
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** The ERID being compacted: every row of its files must be its own and within {@code 0..N-1}. */
    private record EridRows(Utf8 tenant, Utf8 erid, long numberOfRecords) {

        EridRows(String tenant, String erid, long numberOfRecords) {
            this(new Utf8(tenant), new Utf8(erid), numberOfRecords);
        }

        long requireOwn(GenericRecord row, Path source) {
            if (!sameText(tenant, row.get("tenant")) || !sameText(erid, row.get("erid"))) {
                throw new IllegalStateException(source + " holds a row of tenant " + row.get("tenant") + ", ERID "
                        + row.get("erid") + ", not of tenant " + tenant + ", ERID " + erid);
            }
            long recordIndex = (Long) row.get("record_index");
            if (recordIndex < 0 || recordIndex >= numberOfRecords) {
                throw new IllegalStateException(source + " holds record_index " + recordIndex + ", outside 0.."
                        + (numberOfRecords - 1) + " of ERID " + erid);
            }
            return recordIndex;
        }

        private static boolean sameText(Utf8 expected, Object value) {
            return expected.equals(value) || expected.toString().equals(value);
        }
    }

    /** A row's Avro bytes, reused from row to row. */
    private static final class RowBytes extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }
    }
}
