package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.model.StorageLayout;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tenants and a slow provider over HTTP: tenant acme's big ERID is in the broker first, then a
 * 10-record ERID of globex and one of acme. Both small ones must be published while the big one is
 * still in progress (before fair scheduling they waited for every record of the big one), and in the
 * end every ERID has each of its records once.
 */
class FairSchedulingIT {

    private static final String BIG = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    private static final String OTHER_TENANTS_SMALL = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e";
    private static final String SAME_TENANTS_SMALL = "3c4d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e7f";
    private static final int BIG_RECORDS = 2_000;
    private static final int SMALL_RECORDS = 10;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void smallEridsOfEitherTenantCompleteWhileTheBigOneIsStillInProgress(@TempDir Path tmp) throws Exception {
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4);
             SandboxProviderServer provider = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                     SandboxBehaviour.builder().latency(Duration.ofMillis(50)).notFoundRate(0.2).errorRate(0.0).build())) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            publisher.publish(BrokerJob.records("acme", BIG, BIG_RECORDS, "Big"));
            publisher.publish(BrokerJob.records("globex", OTHER_TENANTS_SMALL, SMALL_RECORDS, "Other"));
            publisher.publish(BrokerJob.records("acme", SAME_TENANTS_SMALL, SMALL_RECORDS, "Same"));
            // 2 × 5 lookups at a time at 50 ms: about 200 records a second, so the big ERID takes ~10 s.
            BrokerJob job = new BrokerJob(brokerDir, Files.createDirectories(tmp.resolve("storage")),
                    tmp.resolve("registrations.txt"), provider, 5);
            JobClient running = job.submit();

            for (Map.Entry<String, String> small : Map.of(OTHER_TENANTS_SMALL, "globex", SAME_TENANTS_SMALL, "acme").entrySet()) {
                Path published = job.published(small.getValue(), small.getKey());
                StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(2));
                assertFalse(Files.exists(job.published("acme", BIG).resolve(StorageLayout.SUCCESS_MARKER)),
                        small.getKey() + " of " + small.getValue() + " must not wait for the big ERID");
                assertEachRecordOnce(published, SMALL_RECORDS);
            }
            Path big = job.published("acme", BIG);
            StorageWatch.awaitFile(big.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
            running.cancel().get();
            assertEachRecordOnce(big, BIG_RECORDS);
            assertEquals(List.of(BIG, OTHER_TENANTS_SMALL, SAME_TENANTS_SMALL),
                    RecordingCatalog.registrations(tmp.resolve("registrations.txt")).stream().sorted().toList(),
                    "each ERID published once");
        }
    }

    static void assertEachRecordOnce(Path published, int records) throws Exception {
        List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
        assertEquals(records, rows.size(), published + " has exactly its rows");
        assertEquals(records, rows.stream().map(row -> row.get("record_index")).distinct().count(),
                published + " has each record once");
    }
}
