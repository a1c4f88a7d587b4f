package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.StorageLayout;
import io.des.sink.CompactedParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query engine contract on the Parquet engine over local files, and what its reads cost. */
class ParquetQueryEngineTest {

    private static final String TENANT = QueryEngineContractTest.TENANT;
    private static final String ERID = QueryEngineContractTest.ERID;

    @TempDir
    Path root;

    @Nested
    class Contract extends QueryEngineContractTest {
        @Override
        QueryEngine open(Path root) throws IOException {
            return new ParquetQueryEngine(new FlinkStorageReader(root.toUri()));
        }
    }

    private CountingReader storage;
    private ParquetQueryEngine engine;

    /** A compacted ERID of 50,000 records as publishing writes it (row groups of 10,000), read through a counting reader. */
    private void compactedFiftyThousand() throws IOException {
        new EnrichedDataFixture(root, TENANT).compacted(QueryEngineContractTest.DATE, ERID, 50_000, 10_000);
        storage = new CountingReader(new FlinkStorageReader(root.toUri()));
        engine = new ParquetQueryEngine(storage);
    }

    @Test
    void aPageOfACompactedFileIsOneReadOnceTheEridIsKnown() throws Exception {
        compactedFiftyThousand();

        page(engine, 1, 1_000);
        assertEquals(List.of("marker", "tail", "range"), storage.reads, "first page: marker, footer, one row group");
        storage.reads.clear();

        assertEquals(QueryEngineContractTest.range(27_000, 28_000), QueryEngineContractTest.indexes(page(engine, 28, 1_000)));
        assertEquals(List.of("range"), storage.reads, "a later page: its row group only");
        assertTrue(storage.lastRangeLength < Files.size(compactedFile(50_000)) / 4,
                "read " + storage.lastRangeLength + " of " + Files.size(compactedFile(50_000)) + " bytes");
        storage.reads.clear();

        assertEquals(List.of(), page(engine, 51, 1_000));
        assertEquals(List.of(), storage.reads, "a page past the end reads nothing");
    }

    @Test
    void aPageStraddlingTwoRowGroupsIsStillOneRead() throws Exception {
        compactedFiftyThousand();
        page(engine, 1, 1);
        storage.reads.clear();

        assertEquals(QueryEngineContractTest.range(7_000, 14_000), QueryEngineContractTest.indexes(page(engine, 2, 7_000)));
        assertEquals(List.of("range"), storage.reads);
    }

    @Test
    void aFileRemovedBehindTheCacheIsAFailureAndIsReadAfreshOnceRepublished() throws Exception {
        EnrichedDataFixture fixture = new EnrichedDataFixture(root, TENANT);
        fixture.compacted(QueryEngineContractTest.DATE, ERID, 100, 10);
        ParquetQueryEngine engine = new ParquetQueryEngine(new FlinkStorageReader(root.toUri()));
        page(engine, 1, 10);

        Files.delete(compactedFile(100));
        assertThrows(QueryEngineException.class, () -> page(engine, 2, 10));

        fixture.compacted(QueryEngineContractTest.DATE, ERID, 50, 7);
        assertEquals(QueryEngineContractTest.range(40, 50), QueryEngineContractTest.indexes(page(engine, 5, 10)));
    }

    @Test
    void anEridNotPublishedYetIsLookedForAgainAtTheNextPage() throws Exception {
        CountingReader storage = new CountingReader(new FlinkStorageReader(root.toUri()));
        ParquetQueryEngine engine = new ParquetQueryEngine(storage);
        assertEquals(Optional.empty(), engine.page(TENANT, ERID, QueryEngineContractTest.REQUEST_DATE, 1, 10));

        new EnrichedDataFixture(root, TENANT).compacted(QueryEngineContractTest.DATE, ERID, 5, 10);

        assertEquals(5, page(engine, 1, 10).size());
    }

    private List<java.util.Map<String, Object>> page(ParquetQueryEngine engine, int page, int pageSize) {
        return engine.page(TENANT, ERID, QueryEngineContractTest.REQUEST_DATE, page, pageSize).orElseThrow();
    }

    private Path compactedFile(long rows) {
        return root.resolve(StorageLayout.publishedPartitionPath(TENANT, QueryEngineContractTest.DATE, ERID))
                .resolve(CompactedParquetFiles.name(0, rows));
    }

    /** Records which reads the engine makes. */
    private static final class CountingReader implements StorageReader {
        private final StorageReader delegate;
        final List<String> reads = new ArrayList<>();
        long lastRangeLength;

        CountingReader(StorageReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<byte[]> readIfExists(String path) throws IOException {
            reads.add("marker");
            return delegate.readIfExists(path);
        }

        @Override
        public byte[] readRange(String path, long offset, int length) throws IOException {
            reads.add("range");
            lastRangeLength = length;
            return delegate.readRange(path, offset, length);
        }

        @Override
        public Tail readTail(String path, int maxBytes) throws IOException {
            reads.add("tail");
            return delegate.readTail(path, maxBytes);
        }
    }
}
