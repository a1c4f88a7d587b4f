package io.des.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * What serving keeps of one published Parquet file's footer: the columns a response row needs, and
 * per row group its {@code record_index} range (from the column statistics) and where each of those
 * columns' chunks lies, so that a page reads only the row groups holding its indexes, in one read.
 *
 * <p>Why not keep parquet-mr's {@link ParquetMetadata}, or open a {@code ParquetFileReader} per page:
 * a file compacted into small row groups has a large footer (a 1,000,000-row ERID in row groups of
 * ~1,000 rows: ~4 MB of footer, 150–450 ms to parse on two cores), and a 1.13 {@code
 * ParquetFileReader} can only be opened by parsing it. The footer is parsed once and reduced to this
 * (about 30 bytes per column chunk); {@link RowGroupPages} reads row groups from it.
 */
final class ParquetFileIndex {

    static final String RECORD_INDEX = "record_index";
    /** The tail read first: the footer, its length and the magic number are at the end of the file. */
    private static final int TAIL_BYTES = 256 * 1024;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int FOOTER_TRAILER = Integer.BYTES + MAGIC.length;

    private final String path;
    private final MessageType projection;
    private final MessageColumnIO columnIO;
    private final ColumnDescriptor[] columns;
    private final List<RowGroup> rowGroups;

    /**
     * A row group: its rows, {@code record_index} bounds (the widest range when the file has no
     * statistics), per projected column (in {@link #columns()} order) the chunk's codec, byte
     * offset, compressed length and value count, and its page index (null when the file has none).
     */
    record RowGroup(long rowCount, long minIndex, long maxIndex, CompressionCodecName[] codecs, long[] offsets,
            long[] lengths, long[] valueCounts, RowGroupPageIndex pages) {

        /** Whether the row group may hold an index in {@code [from, to)}. */
        boolean overlaps(long from, long to) {
            return minIndex < to && maxIndex >= from;
        }

        /** The rows that may hold an index in {@code [from, to)}: its pages' rows, or all rows without a page index. */
        SelectedRows rowsFor(long from, long to) {
            return pages == null ? SelectedRows.all(rowCount) : pages.rowsFor(from, to);
        }

        /** The first byte of the projected chunks. */
        long start() {
            return Arrays.stream(offsets).min().orElse(0);
        }

        /** The byte after the last projected chunk. */
        long end() {
            long end = 0;
            for (int i = 0; i < offsets.length; i++) {
                end = Math.max(end, offsets[i] + lengths[i]);
            }
            return end;
        }
    }

    private ParquetFileIndex(String path, MessageType fileSchema, MessageType projection, List<RowGroup> rowGroups) {
        this.path = path;
        this.projection = projection;
        this.columnIO = new ColumnIOFactory().getColumnIO(projection, fileSchema);
        this.columns = projection.getColumns().toArray(new ColumnDescriptor[0]);
        this.rowGroups = List.copyOf(rowGroups);
    }

    /**
     * Reads the footer of the Parquet file at {@code path}: one read of its tail, and a second only
     * when the footer is larger than that tail.
     *
     * @param wanted the top-level columns to keep (those the file lacks are left out)
     * @throws IOException if the file cannot be read or is not a plain (unencrypted) Parquet file
     */
    static ParquetFileIndex read(StorageReader storage, String path, Set<String> wanted) throws IOException {
        StorageReader.Tail tail = storage.readTail(path, TAIL_BYTES);
        byte[] bytes = tail.bytes();
        if (tail.objectLength() < MAGIC.length + FOOTER_TRAILER
                || !Arrays.equals(MAGIC, Arrays.copyOfRange(bytes, bytes.length - MAGIC.length, bytes.length))) {
            throw new IOException(path + " is not a plain Parquet file (no PAR1 at its end)");
        }
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - FOOTER_TRAILER, Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN).getInt();
        long footerStart = tail.objectLength() - FOOTER_TRAILER - footerLength;
        if (footerLength <= 0 || footerStart < MAGIC.length) {
            throw new IOException(path + " has a corrupt footer length " + footerLength);
        }
        byte[] footer = footerStart >= tail.offset()
                ? Arrays.copyOfRange(bytes, (int) (footerStart - tail.offset()), bytes.length - FOOTER_TRAILER)
                : storage.readRange(path, footerStart, footerLength);
        ParquetMetadata metadata = new ParquetMetadataConverter()
                .readParquetMetadata(new ByteArrayInputStream(footer), ParquetMetadataConverter.NO_FILTER);
        MessageType schema = metadata.getFileMetaData().getSchema();
        List<Type> kept = schema.getFields().stream().filter(field -> wanted.contains(field.getName())).toList();
        if (kept.stream().noneMatch(field -> field.getName().equals(RECORD_INDEX))) {
            throw new IOException(path + " has no " + RECORD_INDEX + " column");
        }
        MessageType projection = new MessageType(schema.getName(), kept);
        List<ColumnChunkMetaData[]> chunks = projectedChunks(path, metadata, projection);
        int recordIndexColumn = columnOf(projection, RECORD_INDEX);
        PageIndexRegion region = PageIndexRegion.read(storage, path, tail, chunks, recordIndexColumn);
        List<RowGroup> rowGroups = new ArrayList<>();
        for (int group = 0; group < chunks.size(); group++) {
            rowGroups.add(rowGroup(metadata.getBlocks().get(group), chunks.get(group), recordIndexColumn, region));
        }
        return new ParquetFileIndex(path, schema, projection, rowGroups);
    }

    /** Per row group, its chunks of the projected columns, in the projection's column order. */
    private static List<ColumnChunkMetaData[]> projectedChunks(String path, ParquetMetadata metadata, MessageType projection)
            throws IOException {
        List<ColumnDescriptor> columns = projection.getColumns();
        List<ColumnChunkMetaData[]> projected = new ArrayList<>();
        for (BlockMetaData block : metadata.getBlocks()) {
            Map<ColumnPath, ColumnChunkMetaData> byPath = new HashMap<>();
            block.getColumns().forEach(chunk -> byPath.put(chunk.getPath(), chunk));
            ColumnChunkMetaData[] chunks = new ColumnChunkMetaData[columns.size()];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = byPath.get(ColumnPath.get(columns.get(i).getPath()));
                if (chunks[i] == null) {
                    throw new IOException(path + ": a row group lacks column " + Arrays.toString(columns.get(i).getPath()));
                }
            }
            projected.add(chunks);
        }
        return projected;
    }

    private static RowGroup rowGroup(BlockMetaData block, ColumnChunkMetaData[] chunks, int recordIndexColumn,
            PageIndexRegion region) throws IOException {
        int n = chunks.length;
        CompressionCodecName[] codecs = new CompressionCodecName[n];
        long[] offsets = new long[n];
        long[] lengths = new long[n];
        long[] valueCounts = new long[n];
        for (int i = 0; i < n; i++) {
            codecs[i] = chunks[i].getCodec();
            offsets[i] = chunks[i].getStartingPos();
            lengths[i] = chunks[i].getTotalSize();
            valueCounts[i] = chunks[i].getValueCount();
        }
        Statistics<?> stats = chunks[recordIndexColumn].getStatistics();
        boolean bounded = stats != null && stats.hasNonNullValue() && stats.genericGetMin() instanceof Long;
        RowGroupPageIndex pages = region == null ? null
                : RowGroupPageIndex.read(block.getRowCount(), chunks, recordIndexColumn, region.bytes(), region.offset());
        return new RowGroup(block.getRowCount(),
                bounded ? (Long) stats.genericGetMin() : Long.MIN_VALUE,
                bounded ? (Long) stats.genericGetMax() : Long.MAX_VALUE,
                codecs, offsets, lengths, valueCounts, pages);
    }

    private static int columnOf(MessageType projection, String name) {
        List<ColumnDescriptor> columns = projection.getColumns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).getPath().length == 1 && columns.get(i).getPath()[0].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /** The file's path below the storage root. */
    String path() {
        return path;
    }

    /** The columns read, in the order of {@link RowGroup}'s arrays. */
    ColumnDescriptor[] columns() {
        return columns;
    }

    MessageType projection() {
        return projection;
    }

    /** Assembles records of {@link #projection()} from a row group's pages. */
    MessageColumnIO columnIO() {
        return columnIO;
    }

    List<RowGroup> rowGroups() {
        return rowGroups;
    }

    /** How much the index holds, for the cache's bound: column chunks and pages, plus one per file. */
    long weight() {
        long weight = 1 + (long) rowGroups.size() * columns.length;
        for (RowGroup group : rowGroups) {
            weight += group.pages() == null ? 0 : group.pages().weight();
        }
        return weight;
    }
}
