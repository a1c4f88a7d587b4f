package io.des.it;

import static io.des.it.FairSchedulingIT.assertEachRecordOnce;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rescaling as an operator does it: the job at parallelism 2 is stopped with a savepoint while an
 * ERID is half written (records committed, records waiting for the provider, records not sent yet)
 * and another ERID, complete, is still being published; the savepoint is restored at parallelism 4
 * and at 1. Every record is published once, every ERID once, and the lookups answered before the
 * savepoint are paid again only as far as the lookup cache's split on rescale allows
 * ({@code docs/architecture.md}, "Lookup cache", "Rescaling"): not at all at 1, at most once each
 * and for about half of them at 4.
 */
class RescaleFromSavepointIT {

    private static final String TENANT = "acme";
    private static final String HALF_WRITTEN = "8b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    private static final String PENDING_PUBLISH = "9c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f";
    /** Sent after the restore: the half-written ERID's first half again, as another client's request. */
    private static final String REPEATS = "ad3e4f5a-6b7c-4d8e-8f9a-1b2c3d4e5f6a";
    private static final int HALF_WRITTEN_RECORDS = 3_000;
    private static final int SENT_BEFORE = HALF_WRITTEN_RECORDS / 2;
    private static final int PENDING_PUBLISH_RECORDS = 40;
    /** Scaling from 2 to 4 keeps about half of the cached answers with their keys' instances. */
    private static final double SCALE_OUT_REPAID_AT_MOST = 0.6;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @ParameterizedTest(name = "from 2 to {0}")
    @ValueSource(ints = {4, 1})
    void aSavepointAtParallelism2RestoresAtAnotherWithEveryRecordOnceAndTheCacheKept(int parallelism, @TempDir Path tmp)
            throws Exception {
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Path registrations = tmp.resolve("registrations.txt");
        List<ContactRecord> halfWritten = BrokerJob.records(TENANT, HALF_WRITTEN, HALF_WRITTEN_RECORDS, "Half");
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4); SandboxProviderServer provider = provider()) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            publisher.publish(halfWritten.subList(0, SENT_BEFORE));
            publisher.publish(BrokerJob.records(TENANT, PENDING_PUBLISH, PENDING_PUBLISH_RECORDS, "Pending"));

            BrokerJob first = new BrokerJob(brokerDir, storage, registrations, provider, 5).parallelism(2)
                    .holdingPublishOf(PENDING_PUBLISH);
            JobClient running = first.submit();
            RecordingCatalog.awaitHeld(PENDING_PUBLISH, Duration.ofMinutes(2));
            StorageWatch.awaitCommittedRows(storage, 600, Duration.ofMinutes(2));
            // Stop rather than cancel: no checkpoint can follow the savepoint, so every row committed
            // now was enriched before it, and its answer is in the savepoint's cache.
            String savepoint = running.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();

            assertFalse(Files.exists(first.published(TENANT, HALF_WRITTEN)), "the savepoint is mid-ERID");
            Path pendingSuccess = first.published(TENANT, PENDING_PUBLISH).resolve(StorageLayout.SUCCESS_MARKER);
            assertTrue(Files.exists(pendingSuccess), "the pending ERID's files are published");
            assertEquals(List.of(), RecordingCatalog.registrations(registrations), "its publish is still in flight");
            byte[] successBefore = Files.readAllBytes(pendingSuccess);
            FileTime successWrittenAt = Files.getLastModifiedTime(pendingSuccess);
            Map<Map<String, String>, Long> answeredBefore = lookupsOfCommittedRows(storage, halfWritten, provider);

            BrokerJob second = new BrokerJob(brokerDir, storage, registrations, provider, 5).parallelism(parallelism)
                    .restoredFrom(savepoint);
            JobClient restored = second.submit();
            publisher.publish(halfWritten.subList(SENT_BEFORE, HALF_WRITTEN_RECORDS));
            publisher.publish(repeatsOf(halfWritten.subList(0, SENT_BEFORE)));
            for (String erid : List.of(HALF_WRITTEN, REPEATS, PENDING_PUBLISH)) {
                StorageWatch.awaitFile(second.published(TENANT, erid).resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
                // The publisher removes _incomplete after _SUCCESS and the catalog: wait for the last step too.
                StorageWatch.awaitGone(storage.resolve(StorageLayout.incompletePartitionPath(TENANT, BrokerJob.DATE, erid)),
                        Duration.ofMinutes(1));
            }
            restored.cancel().get();

            assertEachRecordOnce(second.published(TENANT, HALF_WRITTEN), HALF_WRITTEN_RECORDS);
            assertEachRecordOnce(second.published(TENANT, REPEATS), SENT_BEFORE);
            assertEachRecordOnce(second.published(TENANT, PENDING_PUBLISH), PENDING_PUBLISH_RECORDS);
            assertEquals(List.of(HALF_WRITTEN, PENDING_PUBLISH, REPEATS),
                    RecordingCatalog.registrations(registrations).stream().sorted().toList(), "each ERID published once");
            assertArrayEquals(successBefore, Files.readAllBytes(pendingSuccess), "_SUCCESS written once");
            assertEquals(successWrittenAt, Files.getLastModifiedTime(pendingSuccess), "_SUCCESS written once");
            assertRepaidAsDocumented(answeredBefore, provider, parallelism);
        }
    }

    /**
     * The provider's lookups so far of each contact of the ERID's committed rows: those lookups were
     * answered before the savepoint (the job was stopped with it, so no later checkpoint committed).
     */
    private static Map<Map<String, String>, Long> lookupsOfCommittedRows(Path storage, List<ContactRecord> records,
            SandboxProviderServer provider) throws Exception {
        List<GenericRecord> rows = ParquetReadBack.rowsIn(
                storage.resolve(StorageLayout.incompletePartitionPath(TENANT, BrokerJob.DATE, HALF_WRITTEN)));
        assertTrue(rows.size() >= 500, "enough answers before the savepoint to measure: " + rows.size());
        for (GenericRecord row : rows) {
            assertFalse("failed".equals(String.valueOf(row.get("enrichment_status"))),
                    "only answers are cached, and this provider does not fail: " + row);
        }
        return rows.stream()
                .map(row -> records.get(((Long) row.get("record_index")).intValue()).contact)
                .collect(Collectors.toMap(contact -> contact, provider::lookupsOf));
    }

    private static void assertRepaidAsDocumented(Map<Map<String, String>, Long> answeredBefore,
            SandboxProviderServer provider, int parallelism) {
        long repaid = 0;
        for (Map.Entry<Map<String, String>, Long> lookup : answeredBefore.entrySet()) {
            long again = provider.lookupsOf(lookup.getKey()) - lookup.getValue();
            assertTrue(again <= 1, "a rescale repays an answer at most once: " + again + " for " + lookup.getKey());
            repaid += again;
        }
        System.out.printf("rescale 2 -> %d: %d of %d answers from before the savepoint paid again%n",
                parallelism, repaid, answeredBefore.size());
        if (parallelism == 1) {
            assertEquals(0, repaid, "scaling in to one instance keeps every cached answer");
        } else {
            assertTrue(repaid <= SCALE_OUT_REPAID_AT_MOST * answeredBefore.size(),
                    "scaling out 2 to 4 repays about half of the cached answers: " + repaid + " of " + answeredBefore.size());
        }
    }

    private static List<ContactRecord> repeatsOf(List<ContactRecord> records) {
        return records.stream()
                .map(r -> new ContactRecord(TENANT, REPEATS, r.recordIndex, BrokerJob.DATE, records.size(), BrokerJob.FIELDS,
                        r.contact))
                .toList();
    }

    private static SandboxProviderServer provider() {
        return SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                SandboxBehaviour.builder().latency(Duration.ofMillis(20)).notFoundRate(0.2).errorRate(0.0).build());
    }
}
