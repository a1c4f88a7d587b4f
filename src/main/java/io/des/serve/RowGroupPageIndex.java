package io.des.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;

/**
 * A row group's page index as serving keeps it: per column read, the first row of each data page
 * (from the offset index), and the {@code record_index} range of each page of that column (from its
 * column index). With it a page of rows decodes only the Parquet pages holding its indexes: a
 * compacted file's row group of 10,000 rows is ten pages of 1,000 rows per column, and a default
 * page of rows needs one of them per column.
 */
final class RowGroupPageIndex {

    private final long rowCount;
    private final long[][] firstRows;
    private final int recordIndexColumn;
    private final long[] indexMin;
    private final long[] indexMax;

    private RowGroupPageIndex(long rowCount, long[][] firstRows, int recordIndexColumn, long[] indexMin, long[] indexMax) {
        this.rowCount = rowCount;
        this.firstRows = firstRows;
        this.recordIndexColumn = recordIndexColumn;
        this.indexMin = indexMin;
        this.indexMax = indexMax;
    }

    /**
     * The index of a row group whose chunks are {@code chunks} (in the order columns are read), or
     * null when the file has no offset index for one of them or no column index for {@code
     * record_index}: then the whole row group is read.
     *
     * @param region bytes of the file from {@code regionOffset}, holding every index referenced
     */
    static RowGroupPageIndex read(long rowCount, ColumnChunkMetaData[] chunks, int recordIndexColumn, byte[] region,
            long regionOffset) throws IOException {
        if (!hasIndexes(chunks, recordIndexColumn)) {
            return null;
        }
        long[][] firstRows = new long[chunks.length][];
        for (int i = 0; i < chunks.length; i++) {
            OffsetIndex offsets = ParquetMetadataConverter.fromParquetOffsetIndex(
                    Util.readOffsetIndex(slice(region, regionOffset, chunks[i].getOffsetIndexReference())));
            firstRows[i] = new long[offsets.getPageCount()];
            for (int page = 0; page < firstRows[i].length; page++) {
                firstRows[i][page] = offsets.getFirstRowIndex(page);
            }
        }
        ColumnChunkMetaData recordIndex = chunks[recordIndexColumn];
        ColumnIndex bounds = ParquetMetadataConverter.fromParquetColumnIndex(recordIndex.getPrimitiveType(),
                Util.readColumnIndex(slice(region, regionOffset, recordIndex.getColumnIndexReference())));
        int pages = firstRows[recordIndexColumn].length;
        if (bounds == null || bounds.getMinValues().size() != pages) {
            return null;
        }
        long[] indexMin = new long[pages];
        long[] indexMax = new long[pages];
        List<Boolean> nullPages = bounds.getNullPages();
        for (int page = 0; page < pages; page++) {
            boolean empty = nullPages.get(page);
            indexMin[page] = empty ? Long.MAX_VALUE : littleEndianLong(bounds.getMinValues().get(page));
            indexMax[page] = empty ? Long.MIN_VALUE : littleEndianLong(bounds.getMaxValues().get(page));
        }
        return new RowGroupPageIndex(rowCount, firstRows, recordIndexColumn, indexMin, indexMax);
    }

    /** Whether the chunks reference the indexes {@link #read} needs. */
    static boolean hasIndexes(ColumnChunkMetaData[] chunks, int recordIndexColumn) {
        for (ColumnChunkMetaData chunk : chunks) {
            if (chunk.getOffsetIndexReference() == null) {
                return false;
            }
        }
        return chunks[recordIndexColumn].getColumnIndexReference() != null;
    }

    /** The rows of the pages whose {@code record_index} range meets {@code [from, to)}. */
    SelectedRows rowsFor(long from, long to) {
        SelectedRows.Builder rows = new SelectedRows.Builder();
        for (int page = 0; page < indexMin.length; page++) {
            if (indexMin[page] < to && indexMax[page] >= from) {
                rows.add(firstRows[recordIndexColumn][page], pageEnd(recordIndexColumn, page));
            }
        }
        return rows.build();
    }

    /** The number of data pages of column {@code column}. */
    int pageCount(int column) {
        return firstRows[column].length;
    }

    /** The first row of a data page. */
    long pageStart(int column, int page) {
        return firstRows[column][page];
    }

    /** The row after the last row of a data page. */
    long pageEnd(int column, int page) {
        return page + 1 < firstRows[column].length ? firstRows[column][page + 1] : rowCount;
    }

    /** Pages indexed, for the cache's bound. */
    long weight() {
        long pages = indexMin.length;
        for (long[] column : firstRows) {
            pages += column.length;
        }
        return pages;
    }

    private static ByteArrayInputStream slice(byte[] region, long regionOffset, IndexReference reference) throws IOException {
        long from = reference.getOffset() - regionOffset;
        if (from < 0 || from + reference.getLength() > region.length) {
            throw new IOException("page index at " + reference.getOffset() + " lies outside the bytes read");
        }
        return new ByteArrayInputStream(region, (int) from, reference.getLength());
    }

    private static long littleEndianLong(ByteBuffer value) {
        return value.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(value.position());
    }
}
