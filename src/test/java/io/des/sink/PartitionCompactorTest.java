package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.fs.FileSystem;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionCompactorTest {

    private static final String TENANT = "acme";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @TempDir
    Path root;

    private Path incomplete;
    private Path published;
    private Path spill;
    private FileSystem fs;

    @BeforeEach
    void setUp() throws Exception {
        incomplete = Files.createDirectories(root.resolve("erid=" + ERID + "_incomplete"));
        published = Files.createDirectories(root.resolve("erid=" + ERID));
        spill = root.resolve("spill");
        fs = FileSystem.getLocalFileSystem();
    }

    /** {@code 0..n-1} shuffled and dealt over {@code files} committed files of uneven sizes. */
    private List<org.apache.flink.core.fs.Path> committedShuffled(long n, int files, long seed) throws Exception {
        List<Long> indexes = LongStream.range(0, n).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(indexes, new Random(seed));
        List<org.apache.flink.core.fs.Path> paths = new ArrayList<>();
        int from = 0;
        for (int file = 0; file < files; file++) {
            int to = file == files - 1 ? indexes.size() : from + (int) (n * (file + 1) / (files * (files + 1) / 2));
            paths.add(committed(indexes.subList(from, to).stream().mapToLong(Long::longValue).toArray(), n));
            from = to;
        }
        return paths;
    }

    private org.apache.flink.core.fs.Path committed(long[] indexes, long n) throws Exception {
        CommittedFile file = CommittedParquetFiles.write(incomplete, TENANT, ERID, n, indexes);
        return flinkPath(incomplete.resolve(file.fileName));
    }

    private static org.apache.flink.core.fs.Path flinkPath(Path path) {
        return new org.apache.flink.core.fs.Path(path.toUri());
    }

    private List<CompactedFile> compact(PartitionCompactor compactor, List<org.apache.flink.core.fs.Path> sources, long n)
            throws Exception {
        return compactor.compact(fs, sources, flinkPath(published), TENANT, ERID, n);
    }

    /** The memory rows are held in, 128 MB as on a task manager but this test's own. */
    private final HeldRowsBudget heldRows = new HeldRowsBudget(128L * 1024 * 1024);

    private PartitionCompactor withDefaults() {
        return new PartitionCompactor(PartitionCompactor.DEFAULT_MAX_FILE_BYTES, PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES,
                spill, heldRows);
    }

    /** A compactor with no memory to hold rows in: every row goes through the disk. */
    private PartitionCompactor throughTheDisk(long bucketLoadBytes) {
        return new PartitionCompactor(PartitionCompactor.DEFAULT_MAX_FILE_BYTES, bucketLoadBytes, spill, new HeldRowsBudget(0));
    }

    private static List<Long> indexesOf(List<GenericRecord> rows) {
        return rows.stream().map(row -> (Long) row.get("record_index")).toList();
    }

    private static List<Long> range(long first, long count) {
        return LongStream.range(first, first + count).boxed().toList();
    }

    /** What compactions left in the spill directory, which only compactions through the disk create. */
    private long spillLeftovers() throws Exception {
        if (!Files.exists(spill)) {
            return 0;
        }
        try (Stream<Path> left = Files.list(spill)) {
            return left.count();
        }
    }

    private List<String> visibleFiles(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void rowsOfSeveralUnsortedFilesBecomeOneFileSortedByRecordIndexWithExactlyNRows() throws Exception {
        long n = 25_000;
        List<CompactedFile> files = compact(withDefaults(), committedShuffled(n, 3, 7), n);

        assertEquals(List.of(new CompactedFile(0, n)), files);
        assertEquals(List.of("compacted-0000000000-0000024999.parquet"), visibleFiles(published));
        List<GenericRecord> rows = CommittedParquetFiles.rowsOf(published.resolve(files.get(0).name()));
        assertEquals(range(0, n), indexesOf(rows), "every index once, in order");
        GenericRecord row = rows.get(12_345);
        assertEquals("Ada12345", row.get("first_name").toString(), "the rows' values travel with them");
        assertEquals("ada12345@example.com", row.get("professional_email").toString());
        assertEquals(TENANT, row.get("tenant").toString());
        assertEquals(n, (Long) row.get("number_of_records"));
        assertEquals("found", ((java.util.Map<?, ?>) row.get("field_status")).values().iterator().next().toString());
        assertEquals(0, spillLeftovers(), "the spill is removed");
        assertEquals(0, heldRows.taken(), "the memory the rows were held in is given back");
    }

    @Test
    void whenOtherCompactionsHoldTheMemoryTheRowsGoThroughTheDiskAfterAllAndTheMemoryIsGivenBack() throws Exception {
        long n = 25_000;
        long heldByOthers = heldRows.bytes() - 1024 * 1024;
        assertTrue(heldRows.tryTake(heldByOthers));

        List<CompactedFile> files = compact(withDefaults(), committedShuffled(n, 3, 11), n);

        assertEquals(range(0, n), indexesOf(CommittedParquetFiles.rowsOf(published.resolve(files.get(0).name()))));
        assertEquals(List.of("compacted-0000000000-0000024999.parquet"), visibleFiles(published));
        try (Stream<Path> hidden = Files.list(published)) {
            assertEquals(List.of(), hidden.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                    "the attempt from memory left no hidden file");
        }
        assertEquals(heldByOthers, heldRows.taken(), "what this compaction held is given back");
        assertEquals(0, spillLeftovers());
    }

    @Test
    void throughTheDiskTooAMissingIndexOrARepeatedOneFailsLoudly() throws Exception {
        List<org.apache.flink.core.fs.Path> missing = List.of(committed(LongStream.range(0, 100).filter(i -> i != 77).toArray(), 100));
        List<org.apache.flink.core.fs.Path> repeated = List.of(
                committed(LongStream.range(0, 9).toArray(), 10), committed(new long[] {5}, 10));

        IllegalStateException notThere = assertThrows(IllegalStateException.class,
                () -> compact(throughTheDisk(PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES), missing, 100));
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> compact(throughTheDisk(PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES), repeated, 10));

        assertTrue(notThere.getMessage().contains("record_index 77 is missing"), notThere.getMessage());
        assertTrue(twice.getMessage().contains("record_index 5 is there more than once"), twice.getMessage());
        assertEquals(List.of(), visibleFiles(published));
        assertEquals(0, spillLeftovers());
    }

    @Test
    void filesOfSuccessiveRangesListedInAnyOrderAreWrittenRangeByRangeWhileTheRestIsRead() throws Exception {
        long n = 35_000; // four index ranges of 10,000: the first are written before the last file is read
        List<org.apache.flink.core.fs.Path> sources = new ArrayList<>();
        for (long first = 30_000; first >= 0; first -= 10_000) {
            List<Long> indexes = LongStream.range(Math.max(0, first - 50), Math.min(n, first + 10_000 - 50)).boxed()
                    .collect(Collectors.toCollection(ArrayList::new));
            Collections.shuffle(indexes, new Random(first));
            sources.add(committed(indexes.stream().mapToLong(Long::longValue).toArray(), n));
        }

        List<CompactedFile> files = compact(withDefaults(), sources, n);

        assertEquals(range(0, n), indexesOf(CommittedParquetFiles.rowsOf(published.resolve(files.get(0).name()))));
        assertEquals(0, spillLeftovers());
    }

    @Test
    void filesWrittenBeforeTheQualityColumnsCompactWithNullsThere() throws Exception {
        CommittedFile older = CommittedParquetFiles.writeBeforeQualityColumns(incomplete, TENANT, ERID, 4, 0, 2);
        CommittedFile newer = CommittedParquetFiles.write(incomplete, TENANT, ERID, 4, 3, 1);

        List<CompactedFile> files = compact(withDefaults(),
                List.of(flinkPath(incomplete.resolve(older.fileName)), flinkPath(incomplete.resolve(newer.fileName))), 4);

        List<GenericRecord> rows = CommittedParquetFiles.rowsOf(published.resolve(files.get(0).name()));
        assertEquals(range(0, 4), indexesOf(rows));
        for (GenericRecord row : List.of(rows.get(0), rows.get(2))) {
            assertEquals(null, row.get("professional_email_confidence"), row::toString);
            assertEquals(null, row.get("professional_email_status"));
            assertEquals(null, row.get("providers_called"));
            assertEquals("ada" + row.get("record_index") + "@example.com", row.get("professional_email").toString());
        }
        GenericRecord three = rows.get(3);
        assertEquals(0.003, (Double) three.get("professional_email_confidence"), 1e-12);
        assertEquals("valid", three.get("professional_email_status").toString());
        assertEquals(List.of("cheap", "sandbox"),
                ((List<?>) three.get("providers_called")).stream().map(Object::toString).toList());
    }

    @Test
    void rowGroupsOfTenThousandRowsWithRecordIndexStatisticsAndPagesOfAThousand() throws Exception {
        long n = 25_000;
        List<CompactedFile> files = compact(withDefaults(), committedShuffled(n, 2, 11), n);

        HadoopInputFile input = HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(
                published.resolve(files.get(0).name()).toUri()), new org.apache.hadoop.conf.Configuration());
        try (ParquetFileReader reader = ParquetFileReader.open(input)) {
            List<BlockMetaData> rowGroups = reader.getFooter().getBlocks();
            assertEquals(List.of(10_000L, 10_000L, 5_000L), rowGroups.stream().map(BlockMetaData::getRowCount).toList());
            long first = 0;
            for (BlockMetaData rowGroup : rowGroups) {
                ColumnChunkMetaData recordIndex = rowGroup.getColumns().stream()
                        .filter(c -> c.getPath().toDotString().equals("record_index")).findFirst().orElseThrow();
                Statistics<?> statistics = recordIndex.getStatistics();
                assertTrue(statistics.hasNonNullValue(), "record_index has statistics");
                assertEquals(first, statistics.genericGetMin());
                assertEquals(first + rowGroup.getRowCount() - 1, statistics.genericGetMax());
                assertNotNull(reader.readColumnIndex(recordIndex), "a column index: min/max per page");
                OffsetIndex pages = reader.readOffsetIndex(recordIndex);
                assertEquals(rowGroup.getRowCount() / 1_000, pages.getPageCount(), "pages of 1,000 rows");
                assertEquals(first + 1_000, first + pages.getFirstRowIndex(1));
                assertEquals("SNAPPY", recordIndex.getCodec().name());
                first += rowGroup.getRowCount();
            }
        }
    }

    @Test
    void pastTheSizeBoundEachFileHoldsAContiguousRangeOfIndexes() throws Exception {
        long n = 25_000;
        // A bound of one byte: as many files as the smallest range (one row group of 10,000) allows.
        PartitionCompactor smallFiles = new PartitionCompactor(1, PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES, spill, heldRows);

        List<CompactedFile> files = compact(smallFiles, committedShuffled(n, 4, 3), n);

        assertEquals(List.of(new CompactedFile(0, 10_000), new CompactedFile(10_000, 10_000), new CompactedFile(20_000, 5_000)),
                files);
        assertEquals(files.stream().map(CompactedFile::name).toList(), visibleFiles(published));
        for (CompactedFile file : files) {
            assertEquals(range(file.firstRecordIndex(), file.rows()),
                    indexesOf(CommittedParquetFiles.rowsOf(published.resolve(file.name()))), file.name());
        }
    }

    @Test
    void anIndexRangeLargerThanTheMemoryBudgetIsSplitOnDiskAndComesOutSortedAllTheSame() throws Exception {
        long n = 12_345;
        PartitionCompactor tinyBudget = throughTheDisk(8 * 1024);

        List<CompactedFile> files = compact(tinyBudget, committedShuffled(n, 3, 5), n);

        assertEquals(range(0, n), indexesOf(CommittedParquetFiles.rowsOf(published.resolve(files.get(0).name()))));
        assertEquals(0, spillLeftovers());
    }

    @Test
    void aMissingIndexFailsLoudlyAndLeavesNoCompactedFile() throws Exception {
        long[] without77 = LongStream.range(0, 100).filter(i -> i != 77).toArray();
        List<org.apache.flink.core.fs.Path> sources = List.of(committed(without77, 100));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> compact(withDefaults(), sources, 100));

        assertTrue(failure.getMessage().contains("record_index 77 is missing"), failure.getMessage());
        assertEquals(List.of(), visibleFiles(published));
        assertEquals(0, spillLeftovers(), "the spill is removed after a failure too");
        assertEquals(0, heldRows.taken(), "and the memory given back");
    }

    @Test
    void aRepeatedIndexFailsLoudly() throws Exception {
        List<org.apache.flink.core.fs.Path> sources = List.of(
                committed(LongStream.range(0, 10).toArray(), 10), committed(new long[] {5}, 10));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> compact(withDefaults(), sources, 10));

        assertTrue(failure.getMessage().contains("more than once"), failure.getMessage());
        assertEquals(List.of(), visibleFiles(published));
    }

    @Test
    void aRepeatedIndexMakingUpForAMissingOneFailsLoudly() throws Exception {
        List<org.apache.flink.core.fs.Path> sources = List.of(
                committed(LongStream.range(0, 9).toArray(), 10), committed(new long[] {5}, 10));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> compact(withDefaults(), sources, 10));

        assertTrue(failure.getMessage().contains("record_index 5 is there more than once"), failure.getMessage());
    }

    @Test
    void anIndexOutsideTheEridFailsLoudly() throws Exception {
        List<org.apache.flink.core.fs.Path> sources = List.of(committed(LongStream.range(1, 11).toArray(), 10));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> compact(withDefaults(), sources, 10));

        assertTrue(failure.getMessage().contains("record_index 10, outside 0..9"), failure.getMessage());
    }

    @Test
    void aRowOfAnotherTenantFailsLoudly() throws Exception {
        CommittedFile globex = CommittedParquetFiles.write(incomplete, "globex", ERID, 2, 0, 1);
        List<org.apache.flink.core.fs.Path> sources = List.of(flinkPath(incomplete.resolve(globex.fileName)));

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> compact(withDefaults(), sources, 2));

        assertTrue(failure.getMessage().contains("a row of tenant globex"), failure.getMessage());
    }

    @Test
    void aCompleteFileOfAnEarlierAttemptIsKeptAndAnyOtherWrittenAgain() throws Exception {
        long n = 25_000;
        PartitionCompactor smallFiles = new PartitionCompactor(1, PartitionCompactor.DEFAULT_BUCKET_LOAD_BYTES, spill, heldRows);
        List<org.apache.flink.core.fs.Path> sources = committedShuffled(n, 3, 13);
        List<CompactedFile> files = compact(smallFiles, sources, n);
        FileTime long_ago = FileTime.fromMillis(1_000_000);
        Path kept = published.resolve(files.get(0).name());
        Files.setLastModifiedTime(kept, long_ago);
        // As if the attempt had stopped half-way: the second file is cut short, the third never written.
        Path cutShort = published.resolve(files.get(1).name());
        Files.write(cutShort, java.util.Arrays.copyOf(Files.readAllBytes(cutShort), 1_000));
        Files.delete(published.resolve(files.get(2).name()));

        assertEquals(files, compact(smallFiles, sources, n));

        assertEquals(long_ago, Files.getLastModifiedTime(kept), "the complete file is not written again");
        for (CompactedFile file : files) {
            assertEquals(range(file.firstRecordIndex(), file.rows()),
                    indexesOf(CommittedParquetFiles.rowsOf(published.resolve(file.name()))), file.name());
        }
    }
}
