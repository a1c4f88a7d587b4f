package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.enrich.EnrichmentSettings;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.BrokerSource;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.job.EnrichmentJob;
import io.des.job.EridExpiry;
import io.des.job.JobWiring;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.sink.EnrichedParquetSink;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No double billing: two ERIDs that share most of their contacts, a job failure injected while both
 * are half processed, and real HTTP against the sandbox provider. Each distinct lookup must be paid
 * about once (at most 5% more calls than distinct lookups: the lookups answered after the last
 * completed checkpoint, or in flight at the failure, are legitimately paid again), and every ERID
 * must still be published with exactly its rows.
 *
 * <p>The records arrive in two batches, as POSTs would: the failure is injected by the first record
 * of the second batch, once the first batch is checkpointed. The second ERID's contacts are the
 * first ERID's shifted by half, so each batch repeats lookups of the other: the first batch meets
 * duplicates in flight and in the cache, the second only in the cache restored from the checkpoint.
 */
class NoDoubleBillingIT {

    private static final String DATE = "2026-11-21";
    private static final String FIRST = "0b9d6c52-8a41-4f3e-9d2c-7e1a5b4c3d21";
    private static final String SECOND = "1c0e7d63-9b52-4a4f-8e3d-8f2b6c5d4e32";
    private static final int RECORDS_PER_ERID = 3_000;
    /** The second ERID repeats this many of the first ERID's contacts; its others are new. */
    private static final int SHARED_CONTACTS = 2_700;
    private static final int DISTINCT_LOOKUPS = RECORDS_PER_ERID + (RECORDS_PER_ERID - SHARED_CONTACTS);
    private static final int CHUNK = 500;
    private static final List<String> FIELDS = List.of("professional_email", "job_title");

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aFailoverMidEridWithDuplicatesAcrossEridsPaysEachDistinctLookupAboutOnce(@TempDir Path tmp) throws Exception {
        FailOnce.reset();
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path registrations = tmp.resolve("registrations.txt");
        List<ContactRecord> first = firstErid();
        List<ContactRecord> second = secondErid();
        int firstBatch = RECORDS_PER_ERID / 2;
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 4);
             SandboxProviderServer provider = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                     SandboxBehaviour.builder().latency(Duration.ofMillis(20)).notFoundRate(0.2).errorRate(0.0).build())) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            JobClient job = submit(brokerDir, storage, registrations, provider, 2 * firstBatch);

            publishInterleaved(publisher, first.subList(0, firstBatch), second.subList(0, firstBatch));
            StorageWatch.awaitCommittedRows(storage, 2 * firstBatch - CHUNK, Duration.ofMinutes(2));
            for (String erid : List.of(FIRST, SECOND)) {
                assertFalse(Files.exists(storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, DATE, erid))));
            }
            publishInterleaved(publisher, first.subList(firstBatch, RECORDS_PER_ERID),
                    second.subList(firstBatch, RECORDS_PER_ERID));

            Map<Long, GenericRecord> firstRows = publishedRows(storage, FIRST);
            Map<Long, GenericRecord> secondRows = publishedRows(storage, SECOND);
            job.cancel().get();

            assertTrue(FailOnce.FAILED.get(), "the injected failure must have happened");
            assertEquals(List.of(FIRST, SECOND), RecordingCatalog.registrations(registrations).stream().sorted().toList(),
                    "each ERID published once");
            for (long index = 0; index < SHARED_CONTACTS; index++) {
                GenericRecord repeated = secondRows.get(index);
                GenericRecord original = firstRows.get(sharedWith(index));
                for (String column : List.of("enrichment_status", "professional_email", "job_title")) {
                    assertEquals(String.valueOf(original.get(column)), String.valueOf(repeated.get(column)),
                            column + " of a repeated contact must be the first ERID's answer");
                }
            }
            long calls = provider.callsReceived();
            double callsPerLookup = (double) calls / DISTINCT_LOOKUPS;
            assertTrue(calls >= DISTINCT_LOOKUPS, "every distinct lookup is paid once: " + calls);
            assertTrue(callsPerLookup <= 1.05, calls + " calls for " + DISTINCT_LOOKUPS
                    + " distinct lookups = " + callsPerLookup + " per lookup");
        }
    }

    private static JobClient submit(Path brokerDir, Path storage, Path registrations, SandboxProviderServer provider,
            long failAfterMessages) throws Exception {
        Properties enrich = new Properties();
        enrich.setProperty("provider.endpoint", provider.endpoint().toString());
        enrich.setProperty("async.capacity", "10");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobWiring.configureCheckpointing(env, 200);
        String root = storage.toUri().toString();
        new EnrichmentJob(
                e -> e.fromSource(new BrokerSource(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "broker")
                        .uid("broker-source")
                        .map(new FailOnce(failAfterMessages)).name("Inject one failure"),
                new EnrichedParquetSink(root, new RecordingCatalog(registrations), Duration.ofHours(1)),
                JobWiring.deadLetterSink(root), EridExpiry.DEFAULT, EnrichmentSettings.fromProperties(enrich))
                .build(env);
        return env.executeAsync("no double billing");
    }

    private static List<ContactRecord> firstErid() {
        List<ContactRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_ERID; i++) {
            records.add(new ContactRecord(TenantIds.DEFAULT, FIRST, i, DATE, RECORDS_PER_ERID, FIELDS, contact(i)));
        }
        return records;
    }

    /** Index i repeats the first ERID's contact {@link #sharedWith}(i); the last indexes are new contacts. */
    private static List<ContactRecord> secondErid() {
        List<ContactRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_ERID; i++) {
            int person = i < SHARED_CONTACTS ? (int) sharedWith(i) : RECORDS_PER_ERID + i;
            records.add(new ContactRecord(TenantIds.DEFAULT, SECOND, i, DATE, RECORDS_PER_ERID, FIELDS, contact(person)));
        }
        return records;
    }

    private static long sharedWith(long secondIndex) {
        return (secondIndex + RECORDS_PER_ERID / 2) % RECORDS_PER_ERID;
    }

    private static Map<String, String> contact(int person) {
        return Map.of("first_name", "First" + person, "last_name", "Last" + person, "company_name", "Company " + (person % 11));
    }

    /** Chunks of the two ERIDs alternately, as two clients posting at the same time would. */
    private static void publishInterleaved(BrokerRecordPublisher publisher, List<ContactRecord> a, List<ContactRecord> b)
            throws Exception {
        for (int from = 0; from < a.size(); from += CHUNK) {
            publisher.publish(a.subList(from, Math.min(from + CHUNK, a.size())));
            publisher.publish(b.subList(from, Math.min(from + CHUNK, b.size())));
        }
    }

    private static Map<Long, GenericRecord> publishedRows(Path storage, String erid) throws Exception {
        Path published = storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, DATE, erid));
        StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
        List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
        assertEquals(RECORDS_PER_ERID, rows.size(), erid + " has exactly its rows");
        Set<Long> indexes = new HashSet<>();
        rows.forEach(row -> indexes.add((Long) row.get("record_index")));
        assertEquals(RECORDS_PER_ERID, indexes.size(), erid + " has each record once");
        return rows.stream().collect(Collectors.toMap(row -> (Long) row.get("record_index"), Function.identity()));
    }
}
