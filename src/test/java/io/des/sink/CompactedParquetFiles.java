package io.des.sink;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Compacted files exactly as publishing writes them ({@link CompactedParquetWriter}: row groups of a
 * fixed row count, pages of 1,000 rows, Snappy, page indexes), for tests of the readers of published
 * partitions in other packages (serving's fixtures), so that they read the publisher's layout rather
 * than an imitation of it.
 */
public final class CompactedParquetFiles {

    private CompactedParquetFiles() {}

    /** The name publishing gives the compacted file of {@code rows} rows from {@code firstRecordIndex}. */
    public static String name(long firstRecordIndex, long rows) {
        return new CompactedFile(firstRecordIndex, rows).name();
    }

    /** Writes {@code rows}, in their order, to {@code file} in row groups of {@code rowsPerRowGroup} rows. */
    public static void write(Path file, Iterable<GenericRecord> rows, int rowsPerRowGroup) throws IOException {
        try (FSDataOutputStream out = FileSystem.getLocalFileSystem()
                .create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.OVERWRITE)) {
            CompactedParquetWriter writer = new CompactedParquetWriter(out, rowsPerRowGroup);
            for (GenericRecord row : rows) {
                writer.write(row);
            }
            writer.finish();
        }
    }
}
