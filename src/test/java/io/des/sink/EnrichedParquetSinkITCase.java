package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichedRecordTypeInfo;
import io.des.model.EnrichmentStatus;
import io.des.model.FieldCounts;
import io.des.model.StorageLayout;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import io.des.registry.SqliteRegistryConnector;
import io.des.registry.WebhookDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink end to end on a MiniCluster (parallelism 2, checkpoints every 200 ms), read back with
 * parquet-avro, an independent reader. Two tenants send the same ERID with different totals: each
 * is a partition of its own, published whole when its own total is committed. The ERIDs are
 * registered in a real SQLite registry, as the API registers them; the job reports their committed
 * rows there and completes the published ones with their per-field counts and one webhook each.
 */
class EnrichedParquetSinkITCase {

    private static final int PARALLELISM = 2;
    private static final String DATE = "2026-11-21";
    private static final String ACME = "acme";
    private static final String GLOBEX = "globex";
    /** Sent by both tenants: {@link #ACME_RECORDS} records by acme, {@link #GLOBEX_RECORDS} by globex. */
    private static final String SHARED_ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String SHORT_ERID = "1f0e8c7a-5d2b-4c3e-9a8f-7b6c5d4e3f2a";
    private static final long ACME_RECORDS = 1000;
    private static final long GLOBEX_RECORDS = 700;
    private static final Map<String, Long> COMPLETE_TOTALS = Map.of(ACME, ACME_RECORDS, GLOBEX, GLOBEX_RECORDS);
    private static final long SHORT_SENT = 300;
    private static final long SHORT_DECLARED = 500;
    private static final String FIELD = "professional_email";
    private static final String CALLBACK = "https://hooks.example.com/des";

    @TempDir
    Path root;

    /** Set by the job when it has thrown its injected failure; one job runs at a time. */
    private static final AtomicBoolean WRITER_FAILURE_INJECTED = new AtomicBoolean();

    @Test
    void theSameEridOfTwoTenantsIsPublishedWholeAndSeparatelyOnceAndAShortOneStaysIncomplete() throws Exception {
        RecordingPartitionCatalog catalog = new RecordingPartitionCatalog();

        runJob(catalog, false, registry());

        assertCompleteEridsPublishedExactlyOnce();
        assertShortEridStaysIncomplete();
        assertRegistryFollowedTheCommits();
        assertEquals(Set.of(ACME + "|" + SHARED_ERID, GLOBEX + "|" + SHARED_ERID), registeredTenantErids(catalog));
        assertEquals(2, catalog.registrations().size(), "each tenant's ERID registered once: " + catalog.registrations());
    }

    @Test
    void failuresInWriterAndPublisherStillGiveEachRecordExactlyOnce() throws Exception {
        RecordingPartitionCatalog catalog = new RecordingPartitionCatalog(1);
        WRITER_FAILURE_INJECTED.set(false);
        OutboxFailingOnceConnector registry = new OutboxFailingOnceConnector(registry());

        runJob(catalog, true, registry);

        assertTrue(WRITER_FAILURE_INJECTED.get(), "the job failed once while writing");
        assertEquals(1, catalog.injectedFailures(), "a publish failed once at the catalog");
        assertTrue(registry.failed(), "a completion failed once right after its webhook was enqueued");
        assertCompleteEridsPublishedExactlyOnce();
        assertShortEridStaysIncomplete();
        assertRegistryFollowedTheCommits();
        assertEquals(Set.of(ACME + "|" + SHARED_ERID, GLOBEX + "|" + SHARED_ERID), registeredTenantErids(catalog));
    }

    /** The registry of this test's run, with its ERIDs registered as their first POSTs would. */
    private RegistryConnector registry() {
        SqliteRegistryConnector connector = new SqliteRegistryConnector(root.resolve("registry.db").toString());
        try (EridRegistry registry = connector.open()) {
            registry.register(contract(ACME, SHARED_ERID, ACME_RECORDS));
            registry.register(contract(GLOBEX, SHARED_ERID, GLOBEX_RECORDS));
            registry.register(contract(ACME, SHORT_ERID, SHORT_DECLARED));
        }
        return connector;
    }

    private static EridContract contract(String tenant, String erid, long numberOfRecords) {
        return new EridContract(tenant, erid, numberOfRecords, List.of(FIELD), LocalDate.parse(DATE),
                Instant.parse(DATE + "T08:00:00Z"), CALLBACK, null);
    }

    /**
     * Each complete ERID is COMPLETED with its total and per-field counts and has exactly one
     * completion webhook, replays and failures notwithstanding; the short one stays RECEIVING
     * with what was committed of it.
     */
    private void assertRegistryFollowedTheCommits() {
        try (EridRegistry registry = new SqliteRegistryConnector(root.resolve("registry.db").toString()).open()) {
            for (Map.Entry<String, Long> complete : COMPLETE_TOTALS.entrySet()) {
                EridEntry entry = registry.get(complete.getKey(), SHARED_ERID).orElseThrow();
                long total = complete.getValue();
                assertEquals(EridLifecycle.COMPLETED, entry.lifecycle(), complete.getKey());
                assertEquals(total, entry.recordsCommitted());
                assertEquals(Map.of(FIELD, new FieldCounts(total - 2 * (total / 10), total / 10, total / 10, total)),
                        entry.fieldCounts(), "one in ten not found, one in ten failed");
                List<WebhookDelivery> webhooks = registry.outbox().forErid(complete.getKey(), SHARED_ERID);
                assertEquals(1, webhooks.size(), complete.getKey() + ": " + webhooks);
                assertEquals("enrichment_request.completed", webhooks.get(0).type());
            }
            EridEntry shortOne = registry.get(ACME, SHORT_ERID).orElseThrow();
            assertEquals(EridLifecycle.RECEIVING, shortOne.lifecycle());
            assertEquals(SHORT_SENT, shortOne.recordsCommitted(), "its committed rows, reported without completion");
            assertEquals(List.of(), registry.outbox().forErid(ACME, SHORT_ERID));
        }
    }

    private static Set<String> registeredTenantErids(RecordingPartitionCatalog catalog) {
        return catalog.registrations().stream()
                .map(registration -> registration.split("\\|"))
                .map(parts -> parts[0] + "|" + parts[2])
                .collect(Collectors.toSet());
    }

    private void assertCompleteEridsPublishedExactlyOnce() throws Exception {
        for (Map.Entry<String, Long> complete : COMPLETE_TOTALS.entrySet()) {
            String tenant = complete.getKey();
            long total = complete.getValue();
            Path published = root.resolve(StorageLayout.publishedPartitionPath(tenant, DATE, SHARED_ERID));
            assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)), tenant + " has _SUCCESS");
            assertFalse(Files.exists(root.resolve(StorageLayout.incompletePartitionPath(tenant, DATE, SHARED_ERID))),
                    tenant + " has no _incomplete directory left");

            // The ERID's rows came in several checkpoints' files (CheckpointAwareRecordSource waits for a
            // checkpoint every 250 records per subtask): they are published as one file, in index order.
            List<Path> parquetFiles = parquetFiles(published);
            assertEquals(List.of(published.resolve(String.format("compacted-%010d-%010d.parquet", 0, total - 1))),
                    parquetFiles, tenant + "'s partition is one compacted file");
            List<GenericRecord> rows = readAll(parquetFiles);
            assertEquals(total, rows.size(), tenant + "'s own total");
            assertEquals(LongStream.range(0, total).boxed().toList(), rows.stream().map(r -> (Long) r.get("record_index")).toList(),
                    "every record_index exactly once, in order");
            assertTrue(rows.stream().allMatch(r -> SHARED_ERID.equals(r.get("erid").toString())
                    && tenant.equals(r.get("tenant").toString())
                    && total == (Long) r.get("number_of_records")), "only " + tenant + "'s rows");
            assertEquals("Ada" + (total - 1), rows.get((int) total - 1).get("first_name").toString());

            JsonNode marker = new ObjectMapper().readTree(published.resolve(StorageLayout.SUCCESS_MARKER).toFile());
            assertEquals(tenant, marker.get("tenant").asText());
            assertEquals(total, marker.get("rows").asLong());
            Set<String> listed = new HashSet<>();
            marker.get("files").forEach(name -> listed.add(name.asText()));
            assertEquals(parquetFiles.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()), listed);
        }
    }

    private void assertShortEridStaysIncomplete() throws Exception {
        Path shortIncomplete = root.resolve(StorageLayout.incompletePartitionPath(ACME, DATE, SHORT_ERID));
        Path shortPublished = root.resolve(StorageLayout.publishedPartitionPath(ACME, DATE, SHORT_ERID));
        assertFalse(Files.exists(shortPublished), "an ERID short of records is not published");
        assertFalse(Files.exists(shortIncomplete.resolve(StorageLayout.SUCCESS_MARKER)));
        List<GenericRecord> rows = readAll(parquetFiles(shortIncomplete));
        assertEquals(SHORT_SENT, rows.size(), "what was sent is committed, once");
        assertEquals(SHORT_SENT, rows.stream().map(r -> r.get("record_index")).distinct().count());
    }

    private void runJob(PartitionCatalog catalog, boolean injectWriterFailure, RegistryConnector registry) throws Exception {
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        // A local environment runs the job on its own MiniCluster. Flink's MiniClusterExtension and
        // TestStreamEnvironment need JUnit 4 classes, which the build leaves out.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, config);
        env.enableCheckpointing(200);
        // State and records must never fall back to Kryo: state would not survive upgrades.
        env.getConfig().disableGenericTypes();

        long total = ACME_RECORDS + GLOBEX_RECORDS + SHORT_SENT;
        // The tail lets the last progress reports, due a second after their commit, be sent.
        long tailMillis = 2 * PartitionProgressFunction.PROGRESS_REPORT_DELAY.toMillis();
        DataStream<EnrichedRecord> records = env.addSource(new CheckpointAwareRecordSource(new TestRecords(), total, tailMillis),
                "enriched records", EnrichedRecordTypeInfo.TYPE);
        if (injectWriterFailure) {
            records = records.map(new FailOnceInTheMiddle()).returns(EnrichedRecordTypeInfo.TYPE);
        }
        records.sinkTo(new EnrichedParquetSink(root.toUri().toString(), catalog, Duration.ofHours(1), registry))
                .uid(EnrichedParquetSink.UID);
        env.execute("enriched-parquet-sink-it");
    }

    /**
     * Fails the job once, mid-stream: after several checkpoints were committed and while files
     * with uncommitted rows are open.
     */
    private static final class FailOnceInTheMiddle implements MapFunction<EnrichedRecord, EnrichedRecord> {
        @Override
        public EnrichedRecord map(EnrichedRecord record) {
            if (SHARED_ERID.equals(record.record.erid) && record.record.recordIndex == 601
                    && WRITER_FAILURE_INJECTED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return record;
        }
    }

    private static List<Path> parquetFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(StorageLayout.PARQUET_EXTENSION)).toList();
        }
    }

    private static List<GenericRecord> readAll(List<Path> files) throws Exception {
        List<GenericRecord> rows = new ArrayList<>();
        for (Path file : files) {
            rows.addAll(CommittedParquetFiles.rowsOf(file));
        }
        return rows;
    }

    /**
     * Interleaves both tenants' copies of the shared ERID while both have records left, then sends
     * the rest of acme's, then part of acme's short ERID.
     */
    private static final class TestRecords implements GeneratorFunction<Long, EnrichedRecord> {

        @Override
        public EnrichedRecord map(Long sequence) {
            long interleaved = 2 * GLOBEX_RECORDS;
            if (sequence < interleaved) {
                // Pairs alternate between the tenants, so every source subtask sends both of them.
                String tenant = (sequence / 2) % 2 == 0 ? ACME : GLOBEX;
                return record(tenant, SHARED_ERID, (sequence / 4) * 2 + sequence % 2, COMPLETE_TOTALS.get(tenant));
            }
            long acmeRestEnd = interleaved + ACME_RECORDS - GLOBEX_RECORDS;
            if (sequence < acmeRestEnd) {
                return record(ACME, SHARED_ERID, GLOBEX_RECORDS + sequence - interleaved, ACME_RECORDS);
            }
            return record(ACME, SHORT_ERID, sequence - acmeRestEnd, SHORT_DECLARED);
        }

        private static EnrichedRecord record(String tenant, String erid, long index, long numberOfRecords) {
            ContactRecord contact = new ContactRecord(tenant, erid, index, DATE, numberOfRecords,
                    List.of(FIELD), Map.of("first_name", "Ada" + index, "last_name", "Lovelace"));
            // One in ten not found, one in ten failed: the field counts must add them up.
            EnrichmentStatus status = index % 10 == 0 ? EnrichmentStatus.NOT_FOUND
                    : index % 10 == 1 ? EnrichmentStatus.FAILED : EnrichmentStatus.ENRICHED;
            EnrichedRecord enriched = new EnrichedRecord(contact, status, null, 1_700_000_000_000L + index);
            if (status == EnrichmentStatus.ENRICHED) {
                enriched.values.put(FIELD, "ada" + index + "@example.com");
                enriched.sources.put(FIELD, "sandbox");
            }
            enriched.fieldStatus.put(FIELD, status.wireName());
            return enriched;
        }
    }
}
