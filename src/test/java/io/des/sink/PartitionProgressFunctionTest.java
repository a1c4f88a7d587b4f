package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.EridKey;
import io.des.model.StorageLayout;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartitionProgressFunctionTest {

    private static final String TENANT = "acme";
    private static final String OTHER_TENANT = "globex";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String OTHER_ERID = "9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d";
    private static final String DATE = "2026-11-21";
    private static final Duration RETENTION = Duration.ofHours(1);

    private KeyedOneInputStreamOperatorTestHarness<String, PartitionFileCommittable, PublishRequest> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.setProcessingTime(1_000);
        harness.open();
    }

    /** Keyed as the sink keys it: by (tenant, ERID). */
    private static KeyedOneInputStreamOperatorTestHarness<String, PartitionFileCommittable, PublishRequest> newHarness()
            throws Exception {
        return newHarness(true);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PartitionFileCommittable, PublishRequest> newHarness(
            boolean reportProgress) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PartitionProgressFunction(RETENTION, reportProgress)),
                file -> EridKey.of(file.tenant, file.erid), Types.STRING);
    }

    /** The progress reports emitted so far, oldest first. */
    private List<CommittedProgress> reports() {
        var reports = harness.getSideOutput(PartitionProgressFunction.PROGRESS_REPORTS);
        return reports == null ? List.of() : reports.stream().map(StreamRecord::getValue).toList();
    }

    private static final long REPORT_DELAY = PartitionProgressFunction.PROGRESS_REPORT_DELAY.toMillis();

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private static PartitionFileCommittable file(String erid, long numberOfRecords, String name, long rows) {
        return file(TENANT, erid, numberOfRecords, name, rows);
    }

    private static PartitionFileCommittable file(String tenant, String erid, long numberOfRecords, String name, long rows) {
        return file(tenant, erid, numberOfRecords, name, rows, Map.of());
    }

    private static PartitionFileCommittable file(String tenant, String erid, long numberOfRecords, String name, long rows,
            Map<String, FieldTally> fieldCounts) {
        String path = "file:/data/" + StorageLayout.incompletePartitionPath(tenant, DATE, erid) + "/" + name;
        return new PartitionFileCommittable(tenant, DATE, erid, numberOfRecords, rows, fieldCounts, path, 1, new byte[] {1, 2});
    }

    private void committed(PartitionFileCommittable file) throws Exception {
        harness.processElement(new StreamRecord<>(file));
    }

    @Test
    void emitsNothingWhileCommittedRowsAreShort() throws Exception {
        committed(file(ERID, 100, "part-a-0-0.parquet", 40));
        committed(file(ERID, 100, "part-b-1-0.parquet", 59));

        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void publishesOnceWhenDistinctFilesAddUpToNumberOfRecords() throws Exception {
        committed(file(ERID, 100, "part-a-0-0.parquet", 40));
        committed(file(ERID, 100, "part-b-1-0.parquet", 60));

        List<PublishRequest> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        PublishRequest request = out.get(0);
        assertEquals(TENANT, request.tenant);
        assertEquals(ERID, request.erid);
        assertEquals(DATE, request.requestDate);
        assertEquals(100, request.numberOfRecords);
        assertEquals(
                List.of(new CommittedFile("part-a-0-0.parquet", 40), new CommittedFile("part-b-1-0.parquet", 60)),
                request.files.stream().sorted(Comparator.comparing(f -> f.fileName)).collect(Collectors.toList()));
    }

    @Test
    void fieldTalliesOfDistinctFilesAreSummedPerEridAndAReplayedFileAddsNothing() throws Exception {
        committed(file(TENANT, ERID, 10, "part-a-0-0.parquet", 4, Map.of(
                "professional_email", new FieldTally(3, 1, 0, 4), "job_title", new FieldTally(1, 0, 3, 4))));
        committed(file(TENANT, ERID, 10, "part-a-0-0.parquet", 4, Map.of(
                "professional_email", new FieldTally(3, 1, 0, 4), "job_title", new FieldTally(1, 0, 3, 4))));
        committed(file(OTHER_TENANT, ERID, 10, "part-c-0-0.parquet", 10, Map.of(
                "professional_email", new FieldTally(0, 10, 0, 10))));
        committed(file(TENANT, ERID, 10, "part-b-1-0.parquet", 6, Map.of(
                "professional_email", new FieldTally(5, 0, 1, 6), "job_title", new FieldTally(2, 2, 2, 6))));

        List<PublishRequest> out = harness.extractOutputValues();
        assertEquals(2, out.size());
        assertEquals(Map.of("professional_email", new FieldTally(0, 10, 0, 10)), out.get(0).fieldCounts, "globex's own");
        assertEquals(Map.of("professional_email", new FieldTally(8, 1, 1, 10), "job_title", new FieldTally(3, 2, 5, 10)),
                out.get(1).fieldCounts, "acme's two files, the replayed one once");
    }

    @Test
    void replayedCommittableDoesNotDoubleCount() throws Exception {
        committed(file(ERID, 100, "part-a-0-0.parquet", 50));
        committed(file(ERID, 100, "part-a-0-0.parquet", 50));
        assertTrue(harness.extractOutputValues().isEmpty(), "the same file twice is 50 rows, not 100");

        committed(file(ERID, 100, "part-b-1-0.parquet", 50));
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void committableReplayedAfterPublishDoesNotRestartCounting() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        committed(file(ERID, 10, "part-b-0-1.parquet", 6));
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        committed(file(ERID, 10, "part-b-0-1.parquet", 6));

        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void countsEachEridSeparately() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 10));
        committed(file(OTHER_ERID, 20, "part-a-0-1.parquet", 10));

        List<PublishRequest> out = harness.extractOutputValues();
        assertEquals(1, out.size());
        assertEquals(ERID, out.get(0).erid);
    }

    @Test
    void theSameEridOfTwoTenantsIsCountedAndPublishedSeparatelyWithItsOwnTotal() throws Exception {
        committed(file(TENANT, ERID, 10, "part-a-0-0.parquet", 10));
        committed(file(OTHER_TENANT, ERID, 20, "part-a-0-1.parquet", 10));

        List<PublishRequest> afterTen = harness.extractOutputValues();
        assertEquals(1, afterTen.size(), "acme's 10 of 10 publish; globex's 10 of 20 do not");
        assertEquals(TENANT, afterTen.get(0).tenant);
        assertEquals(10, afterTen.get(0).numberOfRecords);

        committed(file(OTHER_TENANT, ERID, 20, "part-b-0-2.parquet", 10));
        List<PublishRequest> out = harness.extractOutputValues();
        assertEquals(2, out.size());
        PublishRequest globex = out.get(1);
        assertEquals(OTHER_TENANT, globex.tenant);
        assertEquals(ERID, globex.erid);
        assertEquals(20, globex.numberOfRecords);
        assertEquals(List.of("part-a-0-1.parquet", "part-b-0-2.parquet"),
                globex.files.stream().map(f -> f.fileName).sorted().toList(), "only globex's files");
    }

    @Test
    void moreRowsThanRecordsIsNeverPublished() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 7));
        committed(file(ERID, 10, "part-b-0-1.parquet", 7));
        committed(file(ERID, 10, "part-c-0-2.parquet", 3));

        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void stateIsClearedWhenRetentionExpiresAfterPublish() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        committed(file(ERID, 10, "part-b-0-1.parquet", 6));
        assertEquals(1, harness.extractOutputValues().size());
        assertEquals(1, harness.numKeyedStateEntries(), "only the tombstone is kept until the retention passes");

        harness.setProcessingTime(1_000 + RETENTION.toMillis() - 1);
        assertEquals(1, harness.numKeyedStateEntries());

        harness.setProcessingTime(1_000 + RETENTION.toMillis());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    @Test
    void anEridThatStopsReceivingFilesIsDroppedAfterRetentionButNotWhileFilesArrive() throws Exception {
        harness.setProcessingTime(0);
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        harness.setProcessingTime(RETENTION.toMillis() / 2);
        committed(file(ERID, 10, "part-b-0-1.parquet", 3));
        harness.setProcessingTime(RETENTION.toMillis()); // first timer: the ERID was active since
        assertEquals(2, harness.numKeyedStateEntries(), "progress and the file map are kept");
        harness.setProcessingTime(RETENTION.toMillis() / 2 + RETENTION.toMillis());
        assertEquals(0, harness.numKeyedStateEntries());
        assertTrue(harness.extractOutputValues().isEmpty(), "a short ERID is never published");
    }

    @Test
    void progressSurvivesSnapshotAndRestore() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        assertTrue(harness.extractOutputValues().isEmpty(), "the replayed file was counted before the snapshot");

        committed(file(ERID, 10, "part-b-0-1.parquet", 6));
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void progressReportsAreOnePerEridPerCommitBatchAndNeverGoBackwards() throws Exception {
        committed(file(ERID, 100, "part-a-0-0.parquet", 40));
        committed(file(ERID, 100, "part-b-1-0.parquet", 20));
        committed(file(OTHER_TENANT, ERID, 100, "part-c-0-0.parquet", 5));
        assertEquals(List.of(), reports(), "a report waits for the rest of its batch");

        harness.setProcessingTime(1_000 + REPORT_DELAY);
        assertEquals(List.of(new CommittedProgress(TENANT, ERID, 60), new CommittedProgress(OTHER_TENANT, ERID, 5)),
                reports().stream().sorted(Comparator.comparing(r -> r.tenant)).toList(), "one per ERID for the batch");

        harness.setProcessingTime(5_000); // the next checkpoint's batch, with a replay of an earlier file
        committed(file(ERID, 100, "part-a-0-0.parquet", 40));
        committed(file(ERID, 100, "part-d-0-1.parquet", 30));
        harness.setProcessingTime(5_000 + REPORT_DELAY);
        harness.setProcessingTime(9_000);
        committed(file(ERID, 100, "part-e-1-1.parquet", 10));
        harness.setProcessingTime(9_000 + REPORT_DELAY);

        List<Long> acme = reports().stream().filter(r -> r.tenant.equals(TENANT)).map(r -> r.committedRows).toList();
        assertEquals(List.of(60L, 90L, 100L), acme, "monotonic, replays add nothing, the last is the whole ERID");
        assertEquals(1, harness.extractOutputValues().size(), "and the ERID is published once");
    }

    @Test
    void aReportPendingAtACheckpointIsSentAfterTheRestore() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = newHarness();
        harness.setProcessingTime(1_000);
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(1_000 + REPORT_DELAY);

        assertEquals(List.of(new CommittedProgress(TENANT, ERID, 4)), reports());
    }

    @Test
    void moreRowsThanRecordsAreNeverReported() throws Exception {
        committed(file(ERID, 10, "part-a-0-0.parquet", 7));
        committed(file(ERID, 10, "part-b-0-1.parquet", 7));
        harness.setProcessingTime(1_000 + REPORT_DELAY);

        assertEquals(List.of(), reports());
    }

    @Test
    void withoutARegistryNothingIsReportedAndOnlyTheRetentionTimerIsSet() throws Exception {
        harness.close();
        harness = newHarness(false);
        harness.setProcessingTime(1_000);
        harness.open();

        committed(file(ERID, 10, "part-a-0-0.parquet", 4));
        harness.setProcessingTime(1_000 + REPORT_DELAY);

        assertEquals(List.of(), reports());
        assertEquals(1, harness.numProcessingTimeTimers());
    }
}
