package io.des.serve;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;

/**
 * The bytes of a file holding the page indexes serving uses (every read column's offset index and
 * {@code record_index}'s column index, of every row group): parquet-mr writes all page indexes
 * together between the last row group and the footer, so they are one read, made once per file
 * with its footer (none when the file's tail, read for the footer, holds them already).
 *
 * @param offset where {@link #bytes} start in the file
 */
record PageIndexRegion(long offset, byte[] bytes) {

    /** The region of a file's row groups, or null when no row group has the indexes. */
    static PageIndexRegion read(StorageReader storage, String path, StorageReader.Tail tail,
            List<ColumnChunkMetaData[]> rowGroups, int recordIndexColumn) throws IOException {
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (ColumnChunkMetaData[] chunks : rowGroups) {
            if (!RowGroupPageIndex.hasIndexes(chunks, recordIndexColumn)) {
                continue;
            }
            for (int i = 0; i < chunks.length; i++) {
                for (IndexReference index : i == recordIndexColumn
                        ? List.of(chunks[i].getOffsetIndexReference(), chunks[i].getColumnIndexReference())
                        : List.of(chunks[i].getOffsetIndexReference())) {
                    start = Math.min(start, index.getOffset());
                    end = Math.max(end, index.getOffset() + index.getLength());
                }
            }
        }
        if (start > end) {
            return null;
        }
        if (start >= tail.offset()) {
            int from = (int) (start - tail.offset());
            return new PageIndexRegion(start, Arrays.copyOfRange(tail.bytes(), from, from + (int) (end - start)));
        }
        return new PageIndexRegion(start, storage.readRange(path, start, Math.toIntExact(end - start)));
    }
}
