package io.des.it;

import static io.des.it.FairSchedulingIT.assertEachRecordOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.time.Duration;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records waiting for the providers live in the enrichment operator's checkpointed state: a failure
 * restores them from the last checkpoint, and a savepoint carries them into a job at another
 * parallelism; either way every record is enriched and published exactly once.
 *
 * <p>The provider takes 2 × 5 lookups at a time at 20 ms (about 500 records a second), so when the
 * first rows are committed most of the records the job has read are still waiting.
 */
class BacklogRecoveryIT {

    private static final String ACME_ERID = "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a";
    private static final String GLOBEX_ERID = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
    private static final int ACME_RECORDS = 4_000;
    private static final int GLOBEX_RECORDS = 1_000;
    private static final int FIRST_BATCH = 3_000;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void aFailureWithALargeBacklogRestoresItAndEveryRecordIsEnrichedOnce(@TempDir Path tmp) throws Exception {
        FailOnce.reset();
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        List<ContactRecord> acme = BrokerJob.records("acme", ACME_ERID, ACME_RECORDS, "Acme");
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4); SandboxProviderServer provider = slowProvider()) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            publisher.publish(acme.subList(0, FIRST_BATCH));
            BrokerJob job = new BrokerJob(brokerDir, Files.createDirectories(tmp.resolve("storage")),
                    tmp.resolve("registrations.txt"), provider, 5).failingAfter(FIRST_BATCH);
            JobClient running = job.submit();

            // Rows committed means a checkpoint completed; by then the source has read the whole batch.
            StorageWatch.awaitCommittedRows(tmp.resolve("storage"), 200, Duration.ofMinutes(2));
            long committedAtFailure = StorageWatch.committedRows(tmp.resolve("storage"));
            assertTrue(committedAtFailure < FIRST_BATCH / 2, "most of the batch must still wait: " + committedAtFailure);
            publisher.publish(acme.subList(FIRST_BATCH, ACME_RECORDS)); // its first message fails the job

            Path published = job.published("acme", ACME_ERID);
            StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
            running.cancel().get();
            assertTrue(FailOnce.FAILED.get(), "the injected failure must have happened");
            assertEachRecordOnce(published, ACME_RECORDS);
            assertEquals(List.of(ACME_ERID), RecordingCatalog.registrations(tmp.resolve("registrations.txt")),
                    "published once");
        }
    }

    @Test
    void aSavepointWithABacklogRestoresIntoAJobAtAnotherParallelismWithEveryRecordEnrichedOnce(@TempDir Path tmp)
            throws Exception {
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Path registrations = tmp.resolve("registrations.txt");
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4); SandboxProviderServer provider = slowProvider()) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            publisher.publish(BrokerJob.records("acme", ACME_ERID, ACME_RECORDS, "Acme"));
            publisher.publish(BrokerJob.records("globex", GLOBEX_ERID, GLOBEX_RECORDS, "Globex"));

            JobClient first = new BrokerJob(brokerDir, storage, registrations, provider, 5).parallelism(2).submit();
            StorageWatch.awaitCommittedRows(storage, 200, Duration.ofMinutes(2));
            String savepoint = first.triggerSavepoint(tmp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            first.cancel().get();
            long committedBefore = StorageWatch.committedRows(storage);
            assertTrue(committedBefore < (ACME_RECORDS + GLOBEX_RECORDS) / 2,
                    "the savepoint must hold a backlog: " + committedBefore + " rows committed");

            BrokerJob second = new BrokerJob(brokerDir, storage, registrations, provider, 5).parallelism(3)
                    .restoredFrom(savepoint);
            JobClient restored = second.submit();
            Path acme = second.published("acme", ACME_ERID);
            Path globex = second.published("globex", GLOBEX_ERID);
            StorageWatch.awaitFile(acme.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
            StorageWatch.awaitFile(globex.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
            // The publisher removes _incomplete after _SUCCESS and the catalog: wait for the last step too.
            StorageWatch.awaitGone(storage.resolve(StorageLayout.incompletePartitionPath("acme", BrokerJob.DATE, ACME_ERID)),
                    Duration.ofMinutes(1));
            restored.cancel().get();

            assertEachRecordOnce(acme, ACME_RECORDS);
            assertEachRecordOnce(globex, GLOBEX_RECORDS);
            assertEquals(List.of(ACME_ERID, GLOBEX_ERID), RecordingCatalog.registrations(registrations).stream().sorted().toList(),
                    "each ERID published once");
        }
    }

    private static SandboxProviderServer slowProvider() throws Exception {
        return SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                SandboxBehaviour.builder().latency(Duration.ofMillis(20)).notFoundRate(0.2).errorRate(0.0).build());
    }
}
