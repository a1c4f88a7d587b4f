package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.StorageLayout;
import io.des.sink.CompactedParquetFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serving keeps of a footer: row groups by their {@code record_index} range, pages by theirs. */
class ParquetFileIndexTest {

    private static final String TENANT = QueryEngineContractTest.TENANT;
    private static final String ERID = QueryEngineContractTest.ERID;
    private static final String DATE = QueryEngineContractTest.DATE;

    @TempDir
    Path root;

    @Test
    void aCompactedFileIsFoundRowGroupByRowGroupAndPageByPage() throws Exception {
        new EnrichedDataFixture(root, TENANT).compacted(DATE, ERID, 25_000, 10_000);

        ParquetFileIndex file = index(CompactedParquetFiles.name(0, 25_000));

        List<ParquetFileIndex.RowGroup> groups = file.rowGroups();
        assertEquals(List.of(10_000L, 10_000L, 5_000L), groups.stream().map(ParquetFileIndex.RowGroup::rowCount).toList());
        assertEquals(List.of(0L, 10_000L, 20_000L), groups.stream().map(ParquetFileIndex.RowGroup::minIndex).toList());
        assertEquals(List.of(9_999L, 19_999L, 24_999L), groups.stream().map(ParquetFileIndex.RowGroup::maxIndex).toList());
        SelectedRows page13 = groups.get(1).rowsFor(12_000, 13_000);
        assertEquals(1_000, page13.count(), "one page of 1,000 rows of the second row group");
        assertEquals(2_000, page13.iterator().nextLong());
        SelectedRows oneRecord = groups.get(1).rowsFor(12_344, 12_345);
        assertEquals(1_000, oneRecord.count(), "the page holding the record: the filter picks the row");
        assertTrue(groups.get(0).rowsFor(12_000, 13_000).isEmpty());
    }

    @Test
    void aFileOfTheSinkIsOneRowGroupReadWhole() throws Exception {
        new EnrichedDataFixture(root, TENANT).completed(DATE, ERID, 300, 1);

        ParquetFileIndex file = index("part-0.parquet");

        assertEquals(1, file.rowGroups().size());
        ParquetFileIndex.RowGroup group = file.rowGroups().get(0);
        assertEquals(0, group.minIndex());
        assertEquals(299, group.maxIndex());
        SelectedRows rows = group.rowsFor(100, 200);
        assertEquals(300, rows.count(), "unsorted rows in one page: every row is read, the filter picks");
        List<Long> all = new ArrayList<>();
        PrimitiveIterator.OfLong iterator = rows.iterator();
        while (iterator.hasNext()) {
            all.add(iterator.nextLong());
        }
        assertEquals(QueryEngineContractTest.range(0, 300), all);
        assertNotNull(group.pages(), "parquet-mr writes page indexes by default");
    }

    @Test
    void columnsTheRowsDoNotNeedAreNotRead() throws Exception {
        new EnrichedDataFixture(root, TENANT).compacted(DATE, ERID, 10, 10);

        ParquetFileIndex file = index(CompactedParquetFiles.name(0, 10));

        List<String> read = file.projection().getFields().stream().map(field -> field.getName()).toList();
        assertTrue(read.contains("record_index") && read.contains("tenant") && read.contains("field_status"), read.toString());
        assertTrue(!read.contains("enriched_at") && !read.contains("number_of_records"), read.toString());
        assertNull(file.projection().getFields().stream().filter(f -> f.getName().equals("enriched_at")).findAny().orElse(null));
    }

    private ParquetFileIndex index(String fileName) throws Exception {
        String path = StorageLayout.publishedPartitionPath(TENANT, DATE, ERID) + "/" + fileName;
        Set<String> columns = new java.util.HashSet<>(EnrichedRowShaper.storedColumns());
        columns.add("tenant");
        return ParquetFileIndex.read(new FlinkStorageReader(root.toUri()), path, columns);
    }
}
