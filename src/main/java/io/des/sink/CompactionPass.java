package io.des.sink;

import io.des.model.EnrichedAvroSchema;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;

/**
 * One pass of a compaction: a thread of its own ({@code des-compaction-spill}) reads the committed
 * files in {@link SpillOrder} into {@link SortedRows}, and the calling thread writes the compacted
 * files from them, each index range as soon as no unread file can hold a row of it.
 */
final class CompactionPass {

    private static final int INTERRUPT_CHECK_ROWS = 10_000;

    private CompactionPass() {}

    /**
     * Writes {@code toWrite} from the rows of {@code sources}; a file is visible only complete.
     *
     * @throws IllegalStateException if a row is not the ERID's, or an index is missing or repeated
     */
    static void run(FileSystem fs, List<SpillOrder.Source> sources, Path published, CompactionPlan plan,
            List<CompactedFile> toWrite, int rowsPerRowGroup, EridRows erid, SortedRows rows) throws IOException {
        Thread spill = new Thread(() -> {
            try {
                spill(fs, sources, plan, new HashSet<>(toWrite), rows, erid);
                rows.completeAll();
            } catch (Throwable failure) {
                rows.fail(failure);
            }
        }, "des-compaction-spill");
        spill.setDaemon(true);
        spill.start();
        boolean written = false;
        try {
            RecoverableWriter writer = fs.createRecoverableWriter();
            for (CompactedFile file : toWrite) {
                Path target = new Path(published, file.name());
                // Not named by any _SUCCESS yet, and not complete: an earlier attempt's, written anew.
                fs.delete(target, false);
                writeFile(writer.open(target), rowsPerRowGroup, rows, file);
            }
            written = true;
        } finally {
            if (!written) {
                spill.interrupt();
            }
            joinUninterruptibly(spill);
        }
        rows.throwIfSpillFailed(); // a row of another ERID in a file kept from an earlier attempt
    }

    /** Waits for the spill to end even when this thread is interrupted, which it then is again. */
    private static void joinUninterruptibly(Thread spill) {
        boolean interrupted = false;
        while (spill.isAlive()) {
            try {
                spill.join();
            } catch (InterruptedException e) {
                interrupted = true;
                spill.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** On the spill's thread: every row of the files still to write, file by file in index order. */
    private static void spill(FileSystem fs, List<SpillOrder.Source> sources, CompactionPlan plan,
            Set<CompactedFile> toWrite, SortedRows rows, EridRows erid) throws IOException {
        Configuration conf = new Configuration();
        // Rows of files written under an older schema are read into the current one (new columns null).
        AvroReadSupport.setAvroReadSchema(conf, EnrichedAvroSchema.SCHEMA);
        long read = 0;
        for (int next = 0; next < sources.size(); next++) {
            Path source = sources.get(next).path();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(FlinkInputFile.of(fs, source))
                    .withDataModel(GenericData.get()).withConf(conf).build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    if (++read % INTERRUPT_CHECK_ROWS == 0 && Thread.interrupted()) {
                        throw new InterruptedIOException("compaction interrupted");
                    }
                    long recordIndex = erid.requireOwn(row, source);
                    if (toWrite.contains(plan.fileOf(recordIndex))) {
                        rows.add(recordIndex, row);
                    }
                }
            }
            if (next + 1 < sources.size()) {
                rows.completeBelow(sources.get(next + 1).lowestIndex());
            }
        }
    }

    /** One compacted file: its rows in index order into Parquet, made visible only complete. */
    private static void writeFile(RecoverableFsDataOutputStream stream, int rowsPerRowGroup, SortedRows rows,
            CompactedFile file) throws IOException {
        try {
            CompactedParquetWriter parquet = new CompactedParquetWriter(stream, rowsPerRowGroup);
            rows.drain(file.firstRecordIndex(), file.rows(), parquet::write);
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
    record EridRows(Utf8 tenant, Utf8 erid, long numberOfRecords) {

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
}
