package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbQueryEngineTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String OTHER_ERID = "9b2e0c55-1d7a-4c1e-9f3b-2a6d8e4f7c10";
    private static final LocalDate FEB_8 = LocalDate.of(2024, 2, 8);
    private static final LocalDate FEB_11 = LocalDate.of(2024, 2, 11);

    @TempDir
    Path root;

    private EnrichedDataFixture fixture;
    private DuckDbQueryEngine engine;

    @BeforeEach
    void openEngine() {
        fixture = new EnrichedDataFixture(root, TENANT);
        engine = new DuckDbQueryEngine(root);
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void publishedPartitionWithSuccessMarkerIsCompleted() {
        fixture.completed("2024-02-09", ERID, 25, 3);

        EridStatus status = engine.status(TENANT, ERID, FEB_8, FEB_11);

        assertEquals(new EridStatus(EridState.COMPLETED, 25, 25L), status);
    }

    @Test
    void incompletePartitionReportsDistinctCommittedRecordsAndTotal() {
        fixture.incomplete("2024-02-09", ERID, 10, 0, 1, 2, 5);

        EridStatus status = engine.status(TENANT, ERID, FEB_8, FEB_11);

        assertEquals(new EridStatus(EridState.INCOMPLETE, 4, 10L), status);
    }

    @Test
    void incompletePartitionWithoutCommittedFilesHasUnknownTotal() {
        fixture.incompleteWithoutFiles("2024-02-09", ERID);

        assertEquals(new EridStatus(EridState.INCOMPLETE, 0, null), engine.status(TENANT, ERID, FEB_8, FEB_11));
    }

    @Test
    void publishedDirectoryWithoutSuccessMarkerIsStillIncomplete() {
        fixture.midPublish("2024-02-09", ERID, 6, new long[] {0, 1, 2}, new long[] {3, 4});

        ResultPage page = engine.page(TENANT, ERID, FEB_8, FEB_11, 1, 100);

        assertEquals(new EridStatus(EridState.INCOMPLETE, 5, 6L), page.status());
        assertTrue(page.rows().isEmpty(), "an unpublished ERID must not expose rows");
    }

    @Test
    void fileSeenInBothDirectoriesWhileMovedCountsOnce() {
        fixture.midPublish("2024-02-09", ERID, 6, new long[] {0, 1, 2}, new long[] {0, 1, 2, 3});

        assertEquals(new EridStatus(EridState.INCOMPLETE, 4, 6L), engine.status(TENANT, ERID, FEB_8, FEB_11));
    }

    @Test
    void unknownEridIsInexistent() {
        fixture.completed("2024-02-09", OTHER_ERID, 3, 1);

        assertEquals(EridStatus.inexistent(), engine.status(TENANT, ERID, FEB_8, FEB_11));
    }

    @Test
    void anotherTenantsEridAnswersExactlyAsAMissingOneWithNoRowsAndNoProgress() {
        fixture.completed("2024-02-09", ERID, 25, 3);
        fixture.incomplete("2024-02-10", OTHER_ERID, 10, 0, 1, 2);
        String missing = "5d0f9a3e-8b7c-4a6d-9e2f-1c3b5a7d9e0f";

        ResultPage completedElsewhere = engine.page(OTHER_TENANT, ERID, FEB_8, FEB_11, 1, 100);
        ResultPage incompleteElsewhere = engine.page(OTHER_TENANT, OTHER_ERID, FEB_8, FEB_11, 1, 100);

        assertEquals(EridStatus.inexistent(), completedElsewhere.status());
        assertEquals(0, completedElsewhere.status().recordsCommitted());
        assertTrue(completedElsewhere.rows().isEmpty());
        assertTrue(completedElsewhere.fieldCounts().isEmpty());
        assertEquals(engine.page(OTHER_TENANT, missing, FEB_8, FEB_11, 1, 100), completedElsewhere);
        assertEquals(engine.page(OTHER_TENANT, missing, FEB_8, FEB_11, 1, 100), incompleteElsewhere);
        assertEquals(EridStatus.inexistent(), engine.status(OTHER_TENANT, OTHER_ERID, FEB_8, FEB_11));
        assertEquals(new EridStatus(EridState.COMPLETED, 25, 25L), engine.status(TENANT, ERID, FEB_8, FEB_11),
                "the owner still sees it");
    }

    @Test
    void theSameEridOfTwoTenantsServesEachItsOwnRowsAndCounts() {
        fixture.completed("2024-02-09", ERID, 4, 1);
        new EnrichedDataFixture(root, OTHER_TENANT).completed("2024-02-09", ERID, 3, 1);

        ResultPage acme = engine.page(TENANT, ERID, FEB_8, FEB_11, 1, 100);
        ResultPage globex = engine.page(OTHER_TENANT, ERID, FEB_8, FEB_11, 1, 100);

        assertEquals(4, acme.rows().size());
        assertEquals(3, globex.rows().size());
        assertEquals(4, acme.fieldCounts().get("phone_number").of());
        assertEquals(3, globex.fieldCounts().get("phone_number").of(), "field counts are cached per tenant's ERID");
    }

    @Test
    void partitionsOutsideTheDateRangeAreIgnored() {
        fixture.completed("2024-02-07", ERID, 3, 1);
        fixture.incomplete("2024-02-12", ERID, 3, 0);

        assertEquals(EridStatus.inexistent(), engine.status(TENANT, ERID, FEB_8, FEB_11));
        assertEquals(EridState.COMPLETED, engine.status(TENANT, ERID, FEB_8.minusDays(1), FEB_8).state());
        assertEquals(EridState.INCOMPLETE, engine.status(TENANT, ERID, FEB_11, FEB_11.plusDays(1)).state());
    }

    @Test
    void rangeBoundariesAreInclusive() {
        fixture.completed("2024-02-11", ERID, 3, 1);

        assertEquals(EridState.COMPLETED, engine.status(TENANT, ERID, FEB_11, FEB_11).state());
        assertEquals(EridState.COMPLETED, engine.status(TENANT, ERID, FEB_8, FEB_11).state());
    }

    @Test
    void completedPartitionWinsOverLeftoverIncompleteDirectory() {
        fixture.completed("2024-02-09", ERID, 4, 1);
        fixture.incomplete("2024-02-09", ERID, 4, 0);

        assertEquals(new EridStatus(EridState.COMPLETED, 4, 4L), engine.status(TENANT, ERID, FEB_8, FEB_11));
    }

    @Test
    void pagesCoverEveryRecordOnceInRecordIndexOrder() {
        fixture.completed("2024-02-09", ERID, 25, 3);

        List<Long> indexes = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            List<Map<String, Object>> rows = engine.page(TENANT, ERID, FEB_8, FEB_11, page, 10).rows();
            assertEquals(page < 3 ? 10 : 5, rows.size(), "rows on page " + page);
            rows.forEach(row -> indexes.add((Long) row.get("record_index")));
        }

        assertEquals(LongStream.range(0, 25).boxed().toList(), indexes);
    }

    @Test
    void pagePastTheEndIsEmptyButCompleted() {
        fixture.completed("2024-02-09", ERID, 25, 3);

        ResultPage page = engine.page(TENANT, ERID, FEB_8, FEB_11, 4, 10);

        assertEquals(EridState.COMPLETED, page.status().state());
        assertTrue(page.rows().isEmpty());
    }

    @Test
    void rowHoldsContactRequestedFieldsSourcesAndStatusInColumnOrder() {
        fixture.completed("2024-02-09", ERID, 2, 1);

        List<Map<String, Object>> rows = engine.page(TENANT, ERID, FEB_8, FEB_11, 1, 10).rows();

        Map<String, Object> found = rows.get(0);
        assertEquals(List.of("erid", "request_date", "record_index", "first_name", "company_name",
                        "phone_number", "job_title", "phone_number_source", "job_title_source",
                        "field_status", "enrichment_status", "enrichment_reason"),
                List.copyOf(found.keySet()));
        assertEquals(ERID, found.get("erid"));
        assertEquals("2024-02-09", found.get("request_date"));
        assertEquals(EnrichedDataFixture.expectedFirstName(0), found.get("first_name"));
        assertEquals(EnrichedDataFixture.expectedPhone(0), found.get("phone_number"));
        assertEquals("sandbox", found.get("phone_number_source"));
        assertNull(found.get("job_title"), "a requested field that was not found stays, as null");
        assertEquals(Map.of("phone_number", "enriched", "job_title", "not_found"), found.get("field_status"));
        assertEquals("enriched", found.get("enrichment_status"));

        Map<String, Object> notFound = rows.get(1);
        assertTrue(notFound.containsKey("phone_number"));
        assertNull(notFound.get("phone_number"));
        assertEquals("not_found", notFound.get("enrichment_status"));
        assertFalse(notFound.containsKey("last_name"), "contact fields not given are left out");
        assertFalse(notFound.containsKey("seniority"), "enrichable fields not requested are left out");
    }

    @Test
    void onlyFilesListedInTheSuccessMarkerAreServed() {
        fixture.completed("2024-02-09", ERID, 4, 2);
        fixture.unlistedPublishedFile("2024-02-09", ERID, 4, 0, 1, 2, 3);

        List<Map<String, Object>> rows = engine.page(TENANT, ERID, FEB_8, FEB_11, 1, 100).rows();

        assertEquals(List.of(0L, 1L, 2L, 3L), rows.stream().map(row -> row.get("record_index")).toList());
    }

    @Test
    void markerListingAMissingFileIsAnEngineFailureNotAShortPage() {
        fixture.completed("2024-02-09", ERID, 4, 1);
        fixture.overwriteSuccess("2024-02-09", ERID,
                "{\"erid\":\"" + ERID + "\",\"rows\":4,\"files\":[\"part-0.parquet\",\"gone.parquet\"]}");

        assertThrows(QueryEngineException.class, () -> engine.page(TENANT, ERID, FEB_8, FEB_11, 1, 10));
    }

    @Test
    void markerListingAPathOutsideThePartitionIsRefused() {
        fixture.completed("2024-02-09", ERID, 4, 1);
        fixture.overwriteSuccess("2024-02-09", ERID,
                "{\"erid\":\"" + ERID + "\",\"rows\":4,\"files\":[\"../../../secret.parquet\"]}");

        assertThrows(QueryEngineException.class, () -> engine.status(TENANT, ERID, FEB_8, FEB_11));
    }

    @Test
    void concurrentQueriesEachGetTheirOwnCompletePage() throws Exception {
        fixture.completed("2024-02-09", ERID, 40, 4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Map<String, Object>>>> pages = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                int page = i % 4 + 1;
                pages.add(pool.submit(() -> engine.page(TENANT, ERID, FEB_8, FEB_11, page, 10).rows()));
            }
            for (int i = 0; i < pages.size(); i++) {
                long first = (i % 4) * 10L;
                List<Object> indexes = pages.get(i).get().stream().map(row -> row.get("record_index")).toList();
                assertEquals(LongStream.range(first, first + 10).boxed().toList(), indexes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidEridNeverReachesTheFileSystem() {
        assertThrows(IllegalArgumentException.class, () -> engine.status(TENANT, "../../etc", FEB_8, FEB_11));
        assertThrows(IllegalArgumentException.class, () -> engine.page(TENANT, "../../etc", FEB_8, FEB_11, 1, 10));
    }

    @Test
    void invalidTenantNeverReachesTheFileSystem() {
        assertThrows(IllegalArgumentException.class, () -> engine.status("../acme", ERID, FEB_8, FEB_11));
        assertThrows(IllegalArgumentException.class, () -> engine.page("", ERID, FEB_8, FEB_11, 1, 10));
    }

    @Test
    void tooLongOrReversedDateRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> engine.status(TENANT, ERID, FEB_11, FEB_8));
        assertThrows(IllegalArgumentException.class, () -> engine.status(TENANT, ERID, FEB_8, FEB_8.plusDays(93)));
    }
}
