package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.des.sink.CompactedParquetFiles;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link QueryEngine} answers for the partitions the publisher leaves, whatever it reads
 * them with: run as {@code @Nested} classes against DuckDB on local files, the Parquet engine on local
 * files and the Parquet engine on an S3 API (s3proxy).
 */
abstract class QueryEngineContractTest {

    static final String TENANT = "acme";
    static final String OTHER_TENANT = "globex";
    static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    static final String OTHER_ERID = "9b2e0c55-1d7a-4c1e-9f3b-2a6d8e4f7c10";
    static final String DATE = "2024-02-09";
    static final LocalDate REQUEST_DATE = LocalDate.parse(DATE);
    /** The file publishing names for 4 records. */
    private static final String COMPACTED_4 = CompactedParquetFiles.name(0, 4);

    @TempDir
    Path root;

    private QueryEngine engine;

    /** An engine reading what the fixtures wrote under {@code root} (copied first where it reads elsewhere). */
    abstract QueryEngine open(Path root) throws Exception;

    EnrichedDataFixture fixture(String tenant) {
        return new EnrichedDataFixture(root, tenant);
    }

    /** Opened on first use, after the test has laid out its partitions. */
    QueryEngine engine() throws Exception {
        if (engine == null) {
            engine = open(root);
        }
        return engine;
    }

    @AfterEach
    void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void pagesOfACompactedFileHoldTheirIndexRangeInOrder() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 2_500, 100);

        assertEquals(range(0, 1_000), indexes(page(TENANT, ERID, 1, 1_000)));
        assertEquals(range(1_000, 2_000), indexes(page(TENANT, ERID, 2, 1_000)));
        assertEquals(range(2_000, 2_500), indexes(page(TENANT, ERID, 3, 1_000)));
        assertEquals(range(750, 900), indexes(page(TENANT, ERID, 6, 150)), "a page across row groups");
    }

    @Test
    void pageSizesOfOneAThousandAndTenThousandCutTheSameRecords() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 25_000, 10_000);

        assertEquals(List.of(12_344L), indexes(page(TENANT, ERID, 12_345, 1)));
        assertEquals(range(12_000, 13_000), indexes(page(TENANT, ERID, 13, 1_000)));
        assertEquals(range(10_000, 20_000), indexes(page(TENANT, ERID, 2, 10_000)));
        assertEquals(range(20_000, 25_000), indexes(page(TENANT, ERID, 3, 10_000)));
    }

    @Test
    void aPagePastTheEndIsEmpty() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 25, 10);

        assertEquals(Optional.of(List.of()), engine().page(TENANT, ERID, REQUEST_DATE, 4, 10));
        assertEquals(Optional.of(List.of()), engine().page(TENANT, ERID, REQUEST_DATE, 26, 1));
    }

    @Test
    void severalUnsortedFilesServeTheSamePagesAsOneCompactedFile() throws Exception {
        // The same ERID laid out both ways, under two tenants; rows do not name their tenant.
        fixture(TENANT).compacted(DATE, ERID, 250, 30);
        fixture(OTHER_TENANT).completed(DATE, ERID, 250, 4);

        for (int page = 1; page <= 3; page++) {
            List<Map<String, Object>> compacted = page(TENANT, ERID, page, 100);
            assertEquals(range((page - 1) * 100L, Math.min(page * 100L, 250)), indexes(compacted));
            assertEquals(compacted, page(OTHER_TENANT, ERID, page, 100), "page " + page);
        }
    }

    @Test
    void aRowHoldsTheContactTheRequestedFieldsTheirSourcesAndStatusInColumnOrder() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 2, 10);

        List<Map<String, Object>> rows = page(TENANT, ERID, 1, 10);

        Map<String, Object> found = new LinkedHashMap<>();
        found.put("erid", ERID);
        found.put("request_date", DATE);
        found.put("record_index", 0L);
        found.put("first_name", EnrichedDataFixture.expectedFirstName(0));
        found.put("company_name", "sayprimer.com");
        found.put("phone_number", EnrichedDataFixture.expectedPhone(0));
        found.put("job_title", null);
        found.put("phone_number_source", "sandbox");
        found.put("job_title_source", null);
        found.put("field_status", Map.of("phone_number", "enriched", "job_title", "not_found"));
        found.put("enrichment_status", "enriched");
        found.put("enrichment_reason", null);
        assertEquals(List.copyOf(found.entrySet()), List.copyOf(rows.get(0).entrySet()));
        assertEquals("not_found", rows.get(1).get("enrichment_status"));
        assertEquals(null, rows.get(1).get("phone_number"));
    }

    @Test
    void anotherTenantsEridIsNotThere() throws Exception {
        fixture(OTHER_TENANT).compacted(DATE, ERID, 25, 10);

        assertEquals(Optional.empty(), engine().page(TENANT, ERID, REQUEST_DATE, 1, 100));
        assertEquals(25, page(OTHER_TENANT, ERID, 1, 100).size(), "its owner sees it");
    }

    @Test
    void theSameEridOfTwoTenantsServesEachItsOwnRows() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 4, 10);
        fixture(OTHER_TENANT).compacted(DATE, ERID, 3, 10);

        assertEquals(range(0, 4), indexes(page(TENANT, ERID, 1, 100)));
        assertEquals(range(0, 3), indexes(page(OTHER_TENANT, ERID, 1, 100)));
    }

    @Test
    void aPartitionWithoutSuccessHasNoRows() throws Exception {
        fixture(TENANT).midPublish(DATE, ERID, 6, new long[] {0, 1, 2}, new long[] {3, 4});
        fixture(TENANT).incomplete(DATE, OTHER_ERID, 3, 0, 1, 2);

        assertEquals(Optional.empty(), engine().page(TENANT, ERID, REQUEST_DATE, 1, 100));
        assertEquals(Optional.empty(), engine().page(TENANT, OTHER_ERID, REQUEST_DATE, 1, 100));
        assertEquals(Optional.empty(), engine().page(TENANT, ERID, REQUEST_DATE.plusDays(1), 1, 100), "another date");
    }

    @Test
    void onlyTheFilesTheSuccessMarkerNamesAreRead() throws Exception {
        fixture(TENANT).completed(DATE, ERID, 4, 2);
        fixture(TENANT).unlistedPublishedFile(DATE, ERID, 4, 0, 1, 2, 3);

        assertEquals(range(0, 4), indexes(page(TENANT, ERID, 1, 100)));
    }

    @Test
    void aSuccessMarkerNamingAnUnsafeFileIsRefused() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 4, 10);
        fixture(TENANT).overwriteSuccess(DATE, ERID,
                "{\"erid\":\"" + ERID + "\",\"rows\":4,\"files\":[\"../../../secret.parquet\"]}");

        assertThrows(QueryEngineException.class, () -> engine().page(TENANT, ERID, REQUEST_DATE, 1, 10));
    }

    @Test
    void aSuccessMarkerOfAnotherTenantOrEridIsRefused() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 4, 10);
        fixture(TENANT).compacted(DATE, OTHER_ERID, 4, 10);
        fixture(TENANT).overwriteSuccess(DATE, ERID, "{\"tenant\":\"" + OTHER_TENANT + "\",\"erid\":\"" + ERID
                + "\",\"rows\":4,\"files\":[\"" + COMPACTED_4 + "\"]}");
        fixture(TENANT).overwriteSuccess(DATE, OTHER_ERID, "{\"tenant\":\"" + TENANT + "\",\"erid\":\"" + ERID
                + "\",\"rows\":4,\"files\":[\"" + COMPACTED_4 + "\"]}");

        assertThrows(QueryEngineException.class, () -> engine().page(TENANT, ERID, REQUEST_DATE, 1, 10));
        assertThrows(QueryEngineException.class, () -> engine().page(TENANT, OTHER_ERID, REQUEST_DATE, 1, 10));
    }

    @Test
    void aSuccessMarkerNamingAMissingFileIsAFailureNotAShortPage() throws Exception {
        fixture(TENANT).compacted(DATE, ERID, 4, 10);
        fixture(TENANT).overwriteSuccess(DATE, ERID,
                "{\"erid\":\"" + ERID + "\",\"rows\":4,\"files\":[\"" + COMPACTED_4 + "\",\"gone.parquet\"]}");

        assertThrows(QueryEngineException.class, () -> engine().page(TENANT, ERID, REQUEST_DATE, 1, 10));
    }

    @Test
    void anInvalidTenantOrEridOrPageNeverReachesTheStorage() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> engine().page(TENANT, "../../etc", REQUEST_DATE, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> engine().page("../acme", ERID, REQUEST_DATE, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> engine().page("", ERID, REQUEST_DATE, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> engine().page(TENANT, ERID, REQUEST_DATE, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> engine().page(TENANT, ERID, REQUEST_DATE, 1, 0));
    }

    @Test
    void concurrentPagesOfBothLayoutsAreEachComplete() throws Exception {
        fixture(TENANT).completed(DATE, ERID, 40, 4);
        fixture(OTHER_TENANT).compacted(DATE, ERID, 40, 20);
        QueryEngine shared = engine();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Map<String, Object>>>> pages = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int page = i % 4 + 1;
                String tenant = i % 8 < 4 ? TENANT : OTHER_TENANT;
                pages.add(pool.submit(() -> shared.page(tenant, ERID, REQUEST_DATE, page, 10).orElseThrow()));
            }
            for (int i = 0; i < pages.size(); i++) {
                long first = (i % 4) * 10L;
                assertEquals(range(first, first + 10), indexes(pages.get(i).get()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    List<Map<String, Object>> page(String tenant, String erid, int page, int pageSize) throws Exception {
        return engine().page(tenant, erid, REQUEST_DATE, page, pageSize).orElseThrow();
    }

    static List<Long> indexes(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> (Long) row.get("record_index")).toList();
    }

    static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
