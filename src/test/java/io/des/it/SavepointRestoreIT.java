package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade as Managed Flink does it: a savepoint taken while ERIDs are half written, the job
 * cancelled, and a new job instance (a new graph, same uids) restored from the savepoint. The end
 * result must be the same as an uninterrupted run: every record once, every ERID published once.
 */
class SavepointRestoreIT {

    private static final String DATE = BrokerJob.DATE;
    private static final Map<String, Integer> ERIDS = Map.of(
            "5e1b6a07-2c5d-4faa-9ca8-1e6e8f5b7a66", 6_000,
            "6f2c7b18-3d6e-4abb-8db9-2f7f9a6c8b77", 4_000);

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void savepointTakenMidEridRestoresIntoANewJobWithTheSameResult(@TempDir Path tmp) throws Exception {
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path registrations = tmp.resolve("registrations.txt");
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4);
             SandboxProviderServer provider = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                     SandboxBehaviour.builder().latency(Duration.ofMillis(50)).notFoundRate(0.2).errorRate(0.0).build())) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            // Half of each ERID before the savepoint and the rest after it, so the savepoint is
            // mid-ERID whatever the speed of the job relative to its checkpoints (with the lookup
            // cache, repeated contacts are answered without waiting for the provider).
            for (Map.Entry<String, Integer> erid : ERIDS.entrySet()) {
                publisher.publish(records(erid.getKey(), erid.getValue()).subList(0, erid.getValue() / 2));
            }

            JobClient first = submit(brokerDir, storage, registrations, provider, null);
            StorageWatch.awaitCommittedRows(storage, 1_000, Duration.ofMinutes(2));
            String savepoint = first.triggerSavepoint(tmp.resolve("savepoints").toUri().toString(),
                    SavepointFormatType.CANONICAL).get();
            first.cancel().get();
            for (String erid : ERIDS.keySet()) {
                assertFalse(Files.exists(storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, DATE, erid))),
                        "the savepoint must be taken mid-ERID");
            }
            for (Map.Entry<String, Integer> erid : ERIDS.entrySet()) {
                publisher.publish(records(erid.getKey(), erid.getValue()).subList(erid.getValue() / 2, erid.getValue()));
            }

            JobClient second = submit(brokerDir, storage, registrations, provider, savepoint);
            for (Map.Entry<String, Integer> erid : ERIDS.entrySet()) {
                Path published =
                        storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, DATE, erid.getKey()));
                StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
                List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
                assertEquals(erid.getValue().intValue(), rows.size());
                assertEquals(erid.getValue().longValue(), rows.stream().map(r -> r.get("record_index")).distinct().count());
                // The publisher removes _incomplete after _SUCCESS and the catalog: wait for the last step too.
                StorageWatch.awaitGone(storage.resolve(StorageLayout.incompletePartitionPath(TenantIds.DEFAULT, DATE, erid.getKey())),
                        Duration.ofMinutes(1));
            }
            second.cancel().get();
            assertEquals(ERIDS.keySet(), RecordingCatalog.registrations(registrations).stream().collect(Collectors.toSet()));
            assertEquals(ERIDS.size(), RecordingCatalog.registrations(registrations).size(), "each ERID published once");
        }
    }

    private static JobClient submit(Path brokerDir, Path storage, Path registrations, SandboxProviderServer provider,
            String savepoint) throws Exception {
        return new BrokerJob(brokerDir, storage, registrations, provider, 10).restoredFrom(savepoint).submit();
    }

    private static List<ContactRecord> records(String erid, int total) {
        List<ContactRecord> records = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            records.add(new ContactRecord(TenantIds.DEFAULT, erid, i, DATE, total, List.of("professional_email", "job_title"),
                    Map.of("first_name", "F" + i, "last_name", "L" + i, "company_name", "Company " + (i % 7))));
        }
        return records;
    }
}
