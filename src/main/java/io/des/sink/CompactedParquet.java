package io.des.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * The format of compacted files, chosen for serving pages of rows by {@code record_index}
 * (1,000 rows by default, at most 10,000), and the check that a file is one.
 *
 * <p><b>Row groups of {@value #MAX_ROWS_PER_ROW_GROUP} rows, pages of {@value #ROWS_PER_PAGE}.</b>
 * Every page size that divides 10,000 (1,000, 2,000, 5,000, 10,000) then lies inside one row
 * group, found from the {@code record_index} statistics of the footer, and inside it the column
 * and offset indexes (written by parquet-mr 1.13.1 by default) give the byte ranges of exactly the
 * 1,000-row pages needed. Measured on 100,000 synthetic rows with 3 enriched fields, Snappy (the
 * sink's own files of the same rows: 11.0 MB, uncompressed):
 * <pre>
 * rows per row group   row groups   file       footer
 * 1,000                100          5.70 MB    378 KB
 * 10,000 (chosen)      10           5.17 MB     43 KB
 * 100,000 (one group)  1            5.12 MB    7.6 KB
 * </pre>
 * Row groups of 1,000 rows would match the default page exactly, but each row group adds ~3.8 KB
 * of footer, which every reader parses before reading anything: 3.8 MB for a 1,000,000-row ERID,
 * 38 MB for 10,000,000. At 10,000 rows the footer is 430 KB per 1,000,000 rows, and a page still
 * reads one row group at most (or only its own pages, with the page index).
 *
 * <p>Row groups of an exact row count are written by {@link CompactedParquetWriter}: parquet-mr
 * 1.13.1's own {@code ParquetWriter} cannot end them at a row count (see there why).
 *
 * <p><b>Memory.</b> A row group is buffered in memory until it closes, so for rows so large that
 * 10,000 of them pass {@value #ROW_GROUP_BUFFER_BYTES} bytes, smaller row groups are chosen
 * ({@link #rowsPerRowGroup}), still dividing 10,000.
 *
 * <p>Snappy: every reader of the table (Athena, DuckDB, parquet-mr) reads it, and it decompresses
 * fast; the sink's own files are uncompressed. {@code record_index} has min/max statistics in every row group and page.
 */
final class CompactedParquet {

    static final int MAX_ROWS_PER_ROW_GROUP = 10_000;
    static final int ROWS_PER_PAGE = 1_000;
    static final long ROW_GROUP_BUFFER_BYTES = 16L * 1024 * 1024;
    private static final List<Integer> ROWS_PER_ROW_GROUP = List.of(10_000, 5_000, 2_000, 1_000, 500, 200, 100);
    private static final String RECORD_INDEX = "record_index";

    private CompactedParquet() {}

    /** The most rows per row group whose buffer stays within {@link #ROW_GROUP_BUFFER_BYTES}. */
    static int rowsPerRowGroup(long averageRowBytes) {
        for (int rows : ROWS_PER_ROW_GROUP) {
            if (rows * averageRowBytes <= ROW_GROUP_BUFFER_BYTES) {
                return rows;
            }
        }
        return ROWS_PER_ROW_GROUP.get(ROWS_PER_ROW_GROUP.size() - 1);
    }

    /**
     * Why {@code path} is not the complete compacted file {@code expected}, from its footer alone:
     * the row count, and row group after row group the {@code record_index} range, which must
     * follow on from the one before and hold as many indexes as rows. {@code null} if it is.
     */
    static String problemWith(FileSystem fs, Path path, CompactedFile expected) throws IOException {
        List<BlockMetaData> rowGroups;
        try (ParquetFileReader reader = ParquetFileReader.open(FlinkInputFile.of(fs, path))) {
            rowGroups = reader.getFooter().getBlocks();
        } catch (FileNotFoundException e) {
            return "it does not exist";
        } catch (IOException | RuntimeException e) {
            return "it is not a readable Parquet file (" + e + ")";
        }
        long next = expected.firstRecordIndex();
        for (BlockMetaData rowGroup : rowGroups) {
            Statistics<?> statistics = recordIndexStatistics(rowGroup);
            if (statistics == null || !statistics.hasNonNullValue()) {
                return "a row group has no record_index statistics";
            }
            long min = ((Number) statistics.genericGetMin()).longValue();
            long max = ((Number) statistics.genericGetMax()).longValue();
            if (min != next || max - min + 1 != rowGroup.getRowCount()) {
                return "a row group of " + rowGroup.getRowCount() + " rows holds record_index " + min + ".." + max
                        + " where " + next + ".." + (next + rowGroup.getRowCount() - 1) + " was due";
            }
            next = max + 1;
        }
        if (next != expected.lastRecordIndex() + 1) {
            return "it holds record_index " + expected.firstRecordIndex() + ".." + (next - 1)
                    + " instead of " + expected.firstRecordIndex() + ".." + expected.lastRecordIndex();
        }
        return null;
    }

    /** The row group's {@code record_index} column statistics, or null when it has none. */
    static Statistics<?> recordIndexStatistics(BlockMetaData rowGroup) {
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
            if (column.getPath().toDotString().equals(RECORD_INDEX)) {
                return column.getStatistics();
            }
        }
        return null;
    }
}
