package io.des.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PrimitiveIterator;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.io.ParquetDecodingException;

/**
 * The pages of one row group's projected column chunks, decoded from bytes already read (see
 * {@link ParquetFileIndex}): each chunk is an optional dictionary page followed by data pages (v1 or
 * v2), each behind a Thrift page header, as the Parquet format lays them out. Only the data pages
 * holding selected rows are decompressed and handed to the record reader; with a page index their
 * first rows let parquet-mr's reader line the columns up ({@link #getRowIndexes()}) and skip the
 * rows not selected. Encrypted files are not supported (DES writes none).
 */
final class RowGroupPages implements PageReadStore {

    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private final SelectedRows rows;
    /** Whether pages carry their first row: false reads every row of the row group. */
    private final boolean synchronizing;
    private final Map<ColumnDescriptor, PageReader> readers = new HashMap<>();

    private RowGroupPages(SelectedRows rows, boolean synchronizing) {
        this.rows = rows;
        this.synchronizing = synchronizing;
    }

    /**
     * @param bytes bytes of the file from {@code bytesOffset} on, covering the row group's projected chunks
     * @param rows the rows needed ({@link ParquetFileIndex.RowGroup#rowsFor}); all of them without a page index
     * @param codecs decompressors; not thread-safe, so one per reading thread
     */
    static RowGroupPages decode(ParquetFileIndex file, ParquetFileIndex.RowGroup group, SelectedRows rows, byte[] bytes,
            long bytesOffset, CompressionCodecFactory codecs) throws IOException {
        RowGroupPageIndex index = group.pages();
        RowGroupPages pages = new RowGroupPages(index == null ? SelectedRows.all(group.rowCount()) : rows, index != null);
        ColumnDescriptor[] columns = file.columns();
        for (int i = 0; i < columns.length; i++) {
            int from = Math.toIntExact(group.offsets()[i] - bytesOffset);
            ByteArrayInputStream chunk = new ByteArrayInputStream(bytes, from, Math.toIntExact(group.lengths()[i]));
            pages.readers.put(columns[i], pages.chunkPages(columns[i], i, index, chunk, group.valueCounts()[i],
                    codecs.getDecompressor(group.codecs()[i])));
        }
        return pages;
    }

    private PageReader chunkPages(ColumnDescriptor column, int columnNumber, RowGroupPageIndex index,
            ByteArrayInputStream chunk, long valueCount, CompressionCodecFactory.BytesInputDecompressor decompressor)
            throws IOException {
        Statistics<?> noStatistics = Statistics.createStats(column.getPrimitiveType());
        DictionaryPage dictionary = null;
        Deque<DataPage> pages = new ArrayDeque<>();
        long values = 0;
        int page = 0;
        while (values < valueCount) {
            PageHeader header = Util.readPageHeader(chunk);
            int compressedSize = header.getCompressed_page_size();
            int uncompressedSize = header.getUncompressed_page_size();
            switch (header.getType()) {
                case DICTIONARY_PAGE -> dictionary = new DictionaryPage(
                        decompress(decompressor, read(chunk, compressedSize), uncompressedSize),
                        header.getDictionary_page_header().getNum_values(),
                        encoding(header.getDictionary_page_header().getEncoding()));
                case DATA_PAGE -> {
                    DataPageHeader v1 = header.getData_page_header();
                    BytesInput compressed = read(chunk, compressedSize);
                    if (wanted(index, columnNumber, page)) {
                        BytesInput plain = decompress(decompressor, compressed, uncompressedSize);
                        pages.add(synchronizing
                                ? new DataPageV1(plain, v1.getNum_values(), uncompressedSize,
                                        index.pageStart(columnNumber, page), rowCount(index, columnNumber, page), noStatistics,
                                        encoding(v1.getRepetition_level_encoding()), encoding(v1.getDefinition_level_encoding()),
                                        encoding(v1.getEncoding()))
                                : new DataPageV1(plain, v1.getNum_values(), uncompressedSize, noStatistics,
                                        encoding(v1.getRepetition_level_encoding()), encoding(v1.getDefinition_level_encoding()),
                                        encoding(v1.getEncoding())));
                    }
                    values += v1.getNum_values();
                    page++;
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 v2 = header.getData_page_header_v2();
                    int levelsSize = v2.getRepetition_levels_byte_length() + v2.getDefinition_levels_byte_length();
                    BytesInput repetition = read(chunk, v2.getRepetition_levels_byte_length());
                    BytesInput definition = read(chunk, v2.getDefinition_levels_byte_length());
                    BytesInput data = read(chunk, compressedSize - levelsSize);
                    if (wanted(index, columnNumber, page)) {
                        if (v2.isIs_compressed()) {
                            data = decompress(decompressor, data, uncompressedSize - levelsSize);
                        }
                        long firstRow = synchronizing ? index.pageStart(columnNumber, page) : -1;
                        pages.add(synchronizing
                                ? DataPageV2.uncompressed(v2.getNum_rows(), v2.getNum_nulls(), v2.getNum_values(), firstRow,
                                        repetition, definition, encoding(v2.getEncoding()), data, noStatistics)
                                : DataPageV2.uncompressed(v2.getNum_rows(), v2.getNum_nulls(), v2.getNum_values(),
                                        repetition, definition, encoding(v2.getEncoding()), data, noStatistics));
                    }
                    values += v2.getNum_values();
                    page++;
                }
                default -> read(chunk, compressedSize); // index pages: not needed to read values
            }
        }
        if (values != valueCount || (index != null && page != index.pageCount(columnNumber))) {
            throw new IOException("column " + Arrays.toString(column.getPath()) + " has " + values + " values in "
                    + page + " pages; its chunk and page index say otherwise");
        }
        return new ChunkPages(dictionary, pages, valueCount);
    }

    /** Whether a data page holds a selected row (every page does without a page index). */
    private boolean wanted(RowGroupPageIndex index, int column, int page) {
        return index == null || rows.overlaps(index.pageStart(column, page), index.pageEnd(column, page));
    }

    private static int rowCount(RowGroupPageIndex index, int column, int page) {
        return Math.toIntExact(index.pageEnd(column, page) - index.pageStart(column, page));
    }

    private static BytesInput read(ByteArrayInputStream chunk, int length) throws IOException {
        byte[] bytes = chunk.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("column chunk ends inside a page (" + bytes.length + " of " + length + " bytes)");
        }
        return BytesInput.from(bytes);
    }

    /** Decompressed at once: the decompressor is reset for the next page, so nothing may read it later. */
    private static BytesInput decompress(CompressionCodecFactory.BytesInputDecompressor decompressor,
            BytesInput compressed, int uncompressedSize) throws IOException {
        return BytesInput.copy(decompressor.decompress(compressed, uncompressedSize));
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        return CONVERTER.getEncoding(encoding);
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor column) {
        PageReader reader = readers.get(column);
        if (reader == null) {
            throw new ParquetDecodingException("column " + Arrays.toString(column.getPath()) + " was not read");
        }
        return reader;
    }

    /** The rows selected: what a record reader reads. */
    @Override
    public long getRowCount() {
        return rows.count();
    }

    @Override
    public Optional<PrimitiveIterator.OfLong> getRowIndexes() {
        return synchronizing ? Optional.of(rows.iterator()) : Optional.empty();
    }

    /** One column chunk's pages, handed out once each, as a record reader takes them. */
    private static final class ChunkPages implements PageReader {
        private final DictionaryPage dictionary;
        private final Deque<DataPage> pages;
        private final long valueCount;

        ChunkPages(DictionaryPage dictionary, Deque<DataPage> pages, long valueCount) {
            this.dictionary = dictionary;
            this.pages = pages;
            this.valueCount = valueCount;
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return valueCount;
        }

        @Override
        public DataPage readPage() {
            return pages.poll();
        }
    }
}
