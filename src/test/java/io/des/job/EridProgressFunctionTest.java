package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import io.des.model.EridKey;
import io.des.model.TenantIds;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EridProgressFunctionTest {

    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String OTHER_ERID = "9b2e6c1d-0a4f-4e8b-9c7d-5f3a2b1c0d9e";
    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, ContactRecord, ContactRecord> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ContactRecord, ContactRecord> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EridProgressFunction(RETENTION, true)),
                r -> EridKey.of(r.tenant, r.erid), Types.STRING);
    }

    private static ContactRecord record(String erid, long index, long total, String date) {
        return record(TenantIds.DEFAULT, erid, index, total, date);
    }

    private static ContactRecord record(String tenant, String erid, long index, long total, String date) {
        return new ContactRecord(tenant, erid, index, date, total, List.of("professional_email"),
                Map.of("first_name", "Ada", "company_name", "acme"));
    }

    private void send(ContactRecord record) throws Exception {
        harness.processElement(new StreamRecord<>(record));
    }

    private List<Long> emittedIndexes() {
        return harness.extractOutputValues().stream().map(r -> r.recordIndex).collect(Collectors.toList());
    }

    @Test
    void resentChunkDoesNotDoubleCount() throws Exception {
        for (long i = 0; i < 3; i++) {
            send(record(ERID, i, 5, "2026-11-20"));
        }
        for (long i = 1; i < 5; i++) { // indexes 1 and 2 resent
            send(record(ERID, i, 5, "2026-11-20"));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), emittedIndexes());
    }

    @Test
    void indexesFarApartLandInDifferentChunksAndAreEachKeptOnce() throws Exception {
        long total = 3L * EridProgressFunction.BITS_PER_CHUNK;
        long[] indexes = {0, EridProgressFunction.BITS_PER_CHUNK - 1, EridProgressFunction.BITS_PER_CHUNK, total - 1};
        for (long index : indexes) {
            send(record(ERID, index, total, "2026-11-20"));
            send(record(ERID, index, total, "2026-11-20"));
        }
        assertEquals(List.of(indexes[0], indexes[1], indexes[2], indexes[3]), emittedIndexes());
    }

    @Test
    void laterRecordsAreWrittenUnderTheEridsFirstRequestDate() throws Exception {
        send(record(ERID, 0, 2, "2026-11-20"));
        send(record(ERID, 1, 2, "2026-11-21")); // a POST sent after midnight
        assertEquals(List.of("2026-11-20", "2026-11-20"),
                harness.extractOutputValues().stream().map(r -> r.requestDate).collect(Collectors.toList()));
    }

    @Test
    void contradictingTotalGoesToDeadLettersWithReason() throws Exception {
        send(record(ERID, 0, 5, "2026-11-20"));
        send(record(ERID, 1, 7, "2026-11-20"));
        assertEquals(List.of(0L), emittedIndexes());
        var deadLetters = harness.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS);
        assertEquals(1, deadLetters.size());
        String reason = deadLetters.peek().getValue().reason;
        assertTrue(reason.contains("7") && reason.contains("5"), reason);
    }

    @Test
    void duplicatesAfterCompletionAreDroppedAndStateShrinksToTheProgressEntry() throws Exception {
        send(record(ERID, 0, 2, "2026-11-20"));
        send(record(ERID, 1, 2, "2026-11-20"));
        // progress value + the seen-chunk map entry were there; after completion only the progress is left
        assertEquals(1, harness.numKeyedStateEntries());
        send(record(ERID, 0, 2, "2026-11-20"));
        assertEquals(List.of(0L, 1L), emittedIndexes());
    }

    @Test
    void stateIsClearedOnceTheRetentionAfterCompletionHasPassed() throws Exception {
        harness.setProcessingTime(1_000);
        send(record(ERID, 0, 2, "2026-11-20"));
        harness.setProcessingTime(2_000);
        send(record(ERID, 1, 2, "2026-11-20"));
        harness.setProcessingTime(2_000 + RETENTION.toMillis() - 1);
        assertEquals(1, harness.numKeyedStateEntries());
        harness.setProcessingTime(2_000 + RETENTION.toMillis());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void anEridThatStopsReceivingIsClearedAfterRetentionButNotWhileActive() throws Exception {
        harness.setProcessingTime(0);
        send(record(ERID, 0, 10, "2026-11-20"));
        harness.setProcessingTime(RETENTION.toMillis() / 2);
        send(record(ERID, 1, 10, "2026-11-20"));
        harness.setProcessingTime(RETENTION.toMillis()); // the first timer fires, but the ERID was active since
        assertEquals(2, harness.numKeyedStateEntries());
        harness.setProcessingTime(RETENTION.toMillis() / 2 + RETENTION.toMillis());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void erisAreTrackedIndependently() throws Exception {
        send(record(ERID, 0, 1, "2026-11-20"));
        send(record(OTHER_ERID, 0, 1, "2026-11-20"));
        assertEquals(2, harness.extractOutputValues().size());
    }

    @Test
    void theSameEridOfTwoTenantsKeepsSeparateDedupeStateAndTotalsThatDoNotContradict() throws Exception {
        send(record(ACME, ERID, 0, 2, "2026-11-20"));
        send(record(GLOBEX, ERID, 0, 5, "2026-11-21")); // same index, another total and date: another ERID
        send(record(ACME, ERID, 1, 2, "2026-11-20"));
        send(record(GLOBEX, ERID, 1, 5, "2026-11-21"));
        send(record(ACME, ERID, 0, 2, "2026-11-20")); // a real duplicate, within acme

        List<ContactRecord> out = harness.extractOutputValues();
        assertEquals(List.of("acme:0", "globex:0", "acme:1", "globex:1"),
                out.stream().map(r -> r.tenant + ":" + r.recordIndex).collect(Collectors.toList()));
        assertEquals(List.of("2026-11-20", "2026-11-21", "2026-11-20", "2026-11-21"),
                out.stream().map(r -> r.requestDate).collect(Collectors.toList()), "each keeps its own first date");
        assertNull(harness.getSideOutput(ParseAndValidateFunction.DEAD_LETTERS), "2 and 5 do not contradict each other");
        // acme is complete (its progress entry only); globex still receives (progress and one seen chunk)
        assertEquals(3, harness.numKeyedStateEntries());

        send(record(GLOBEX, ERID, 2, 5, "2026-11-21"));
        assertEquals(5, harness.extractOutputValues().size(), "globex goes on towards its own 5");
    }

    @Test
    void theReceivedCountIsReportedASecondAfterItChangesWithoutDuplicates() throws Exception {
        harness.setProcessingTime(0);
        send(record(ACME, ERID, 0, 10, "2026-11-20"));
        send(record(ACME, ERID, 1, 10, "2026-11-20"));
        send(record(ACME, ERID, 1, 10, "2026-11-20")); // a duplicate
        send(record(GLOBEX, ERID, 0, 10, "2026-11-20"));
        harness.setProcessingTime(999);
        assertNull(harness.getSideOutput(EridProgressFunction.RECEIVED_REPORTS), "one report a second, not one a record");

        harness.setProcessingTime(1_000);
        send(record(ACME, ERID, 2, 10, "2026-11-20"));
        send(record(ACME, ERID, 0, 10, "2026-11-20")); // only a duplicate since the report
        harness.setProcessingTime(2_000);
        harness.setProcessingTime(5_000);

        List<ReceivedProgress> reports =
                harness.getSideOutput(EridProgressFunction.RECEIVED_REPORTS).stream().map(StreamRecord::getValue).toList();
        assertEquals(Set.of(new ReceivedProgress(ACME, ERID, 2), new ReceivedProgress(GLOBEX, ERID, 1)),
                Set.copyOf(reports.subList(0, 2)), "each tenant's ERID is its own count");
        assertEquals(List.of(new ReceivedProgress(ACME, ERID, 3)), reports.subList(2, reports.size()));
    }

    @Test
    void withoutARegistryNothingIsReported() throws Exception {
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EridProgressFunction(RETENTION, false)),
                r -> EridKey.of(r.tenant, r.erid), Types.STRING);
        harness.open();
        send(record(ERID, 0, 2, "2026-11-20"));
        harness.setProcessingTime(10_000);

        assertNull(harness.getSideOutput(EridProgressFunction.RECEIVED_REPORTS));
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void seenIndexesSurviveASnapshotAndRestore() throws Exception {
        send(record(ERID, 0, 3, "2026-11-20"));
        send(record(ERID, 1, 3, "2026-11-20"));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        send(record(ERID, 1, 3, "2026-11-20"));
        send(record(ERID, 2, 3, "2026-11-20"));
        assertEquals(List.of(2L), emittedIndexes());
    }
}
