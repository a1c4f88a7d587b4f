package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.api.ApiServer;
import io.des.api.DesRoutes;
import io.des.api.ServerLimits;
import io.des.api.tenant.TenantEdge;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.KinesisRecordPublisher;
import io.des.job.EnrichmentJob;
import io.des.job.JobConfig;
import io.des.job.JobWiring;
import io.des.job.RecordSource;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.registry.SqliteEridRegistry;
import io.des.serve.DuckDbQueryEngine;
import io.des.sink.EnrichedParquetSink;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;

/**
 * The push flow end to end against a real Kinesis API (kinesis-local): POSTs through the ingest
 * API → Kinesis → the job in a MiniCluster (failure injected mid-stream) → Parquet → the serving
 * API, checked against an independent Parquet reader.
 */
class KinesisPushFlowIT {

    /** The registry the API and the job share, as in local mode. */
    static final String REGISTRY_FILE = "registry.db";

    private static final int RECORDS_PER_ERID = 5_000;
    private static final int CHUNK = 1_000;
    private static final String ERID_A = "0a6f1c52-7d0e-4a55-9d53-6f1f3a0c2b11";
    private static final String ERID_B = "1b7e2d63-8e1f-4b66-8e64-7a2a4b1d3c22";
    private static final String ERID_SHORT = "2c8f3e74-9f2a-4c77-9f75-8b3b5c2e4d33";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void eridsArriveExactlyOnceAndArePublishedOnlyWhenComplete(@TempDir Path tmp) throws Exception {
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Path registrations = tmp.resolve("catalog-registrations.txt");
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        FailOnce.reset();

        try (KinesisEmulator kinesis = KinesisEmulator.start("des-records", 4, tmp.resolve("kinesis-local.log"));
             SandboxProviderServer provider = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                     SandboxBehaviour.builder().latency(Duration.ofMillis(2)).notFoundRate(0.1).errorRate(0.02).build());
             KinesisRecordPublisher publisher = new KinesisRecordPublisher(kinesis.client(), kinesis.streamName);
             DuckDbQueryEngine engine = new DuckDbQueryEngine(storage);
             SqliteEridRegistry registry = new SqliteEridRegistry(tmp.resolve(REGISTRY_FILE));
             ApiServer api = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), ServerLimits.defaults(),
                     DesRoutes.router(new DesRoutes.Parts(publisher, engine, registry, TenantEdge.open(Clock.systemUTC(), null),
                             url -> Optional.empty(), () -> true, Clock.systemUTC())))) {

            JobClient job = startJob(kinesis, provider, storage, registrations, tmp.resolve(REGISTRY_FILE));
            DesClient client = new DesClient(api.port());

            for (String erid : List.of(ERID_A, ERID_B)) {
                postChunks(client, erid, 0, 1, 2, 3, 4);
                postChunks(client, erid, 1, 3); // resent chunks
            }
            postChunks(client, ERID_SHORT, 0, 1, 2, 3, 2); // chunk 4 never arrives, chunk 2 resent
            putMalformedRecords(kinesis);

            for (String erid : List.of(ERID_A, ERID_B)) {
                JsonNode done = client.awaitGet(erid, today, answer -> answer.get("status").asText().equals("completed"),
                        Duration.ofMinutes(5));
                assertEquals(RECORDS_PER_ERID, done.get("progress").get("records_committed").asLong());
            }
            JsonNode shortAnswer = client.awaitGet(ERID_SHORT, today,
                    answer -> answer.get("progress").get("records_committed").asLong() == 4 * CHUNK, Duration.ofMinutes(2));
            assertTrue(FailOnce.FAILED.get(), "the injected failure must have happened");

            for (String erid : List.of(ERID_A, ERID_B)) {
                assertPublishedExactlyOnce(storage, today, erid);
                assertServingMatchesIndependentReader(client, storage, today, erid);
            }
            assertEquals("incomplete", shortAnswer.get("status").asText());
            assertEquals(RECORDS_PER_ERID, shortAnswer.get("progress").get("number_of_records").asLong());
            assertEquals(0, shortAnswer.get("data").size(), "an incomplete ERID shows no rows");
            Path shortPartition =
                    storage.resolve(StorageLayout.incompletePartitionPath(TenantIds.DEFAULT, today, ERID_SHORT));
            assertEquals(4 * CHUNK, distinctIndexes(ParquetReadBack.rowsIn(shortPartition)).size());
            assertFalse(Files.exists(
                    storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, today, ERID_SHORT))));

            // A publish in flight at the injected failure is in the checkpointed state and runs again
            // after the restore, so its ERID may be registered twice: the catalog's contract is to be
            // idempotent (Glue's AlreadyExists is success). One failure allows one repeat, no more.
            Map<String, Long> published = RecordingCatalog.registrations(registrations).stream()
                    .collect(Collectors.groupingBy(e -> e, Collectors.counting()));
            assertEquals(Set.of(ERID_A, ERID_B), published.keySet(), "only the complete ERIDs are registered");
            published.forEach((erid, times) -> assertTrue(times <= 2,
                    erid + " registered " + times + " times after one failure"));

            assertEquals("inexistent", client.get("4d0a5f96-1b4c-4e99-8b97-0d5d7e4a6f55", today, today, 1, 10)
                    .get("status").asText());
            assertDeadLettersKeptWithReasons(storage);
            job.cancel().get();
        }
    }

    private JobClient startJob(KinesisEmulator kinesis, SandboxProviderServer provider, Path storage, Path registrations,
            Path registryFile) throws Exception {
        Properties source = kinesis.consumerProperties();
        source.setProperty("type", "kinesis");
        source.setProperty("stream.name", kinesis.streamName);
        Properties sink = new Properties();
        sink.setProperty("root.uri", storage.toUri().toString());
        Properties enrich = new Properties();
        enrich.setProperty("provider.name", "sandbox");
        enrich.setProperty("provider.endpoint", provider.endpoint().toString());
        enrich.setProperty("async.capacity", "200");
        Properties registry = new Properties();
        registry.setProperty("type", "sqlite");
        registry.setProperty("sqlite.path", registryFile.toString());
        JobConfig config = JobConfig.from(Map.of(JobConfig.SOURCE_GROUP, source, JobConfig.SINK_GROUP, sink,
                JobConfig.ENRICH_GROUP, enrich, JobConfig.REGISTRY_GROUP, registry));

        RecordSource kinesisSource = JobWiring.sourceFor(config);
        RecordSource failingOnce = env -> kinesisSource.addTo(env).map(new FailOnce(7_000)).name("Inject one failure");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobWiring.configureCheckpointing(env, 500);
        new EnrichmentJob(failingOnce,
                new EnrichedParquetSink(config.storageRootUri, new RecordingCatalog(registrations), Duration.ofHours(1),
                        config.registry),
                JobWiring.deadLetterSink(config.storageRootUri), config.eridExpiry, config.enrichment)
                .build(env);
        return env.executeAsync("DES push flow IT");
    }

    /**
     * Posts like a well-behaved client: a 503 (records could not be stored in time; the emulator is
     * slow on a loaded machine) is resent, which the API documents as safe.
     */
    private static void postChunks(DesClient client, String erid, int... chunks) throws Exception {
        for (int chunk : chunks) {
            var body = DesClient.chunk(erid, (long) chunk * CHUNK, CHUNK, RECORDS_PER_ERID);
            var response = client.post(body);
            for (int resend = 1; response.statusCode() == 503 && resend <= 5; resend++) {
                Thread.sleep(1_000L * resend);
                response = client.post(body);
            }
            assertEquals(202, response.statusCode(), response.body());
            assertEquals(CHUNK, DesClient.JSON.readTree(response.body()).get("accepted_records").asInt());
        }
    }

    private static void putMalformedRecords(KinesisEmulator kinesis) {
        try (KinesisClient client = kinesis.client()) {
            for (String bad : List.of("{not json", "{\"erid\":\"../../etc/passwd\"}", "[]")) {
                client.putRecord(PutRecordRequest.builder().streamName(kinesis.streamName).partitionKey("bad")
                        .data(SdkBytes.fromString(bad, StandardCharsets.UTF_8)).build());
            }
        }
    }

    private static void assertPublishedExactlyOnce(Path storage, String date, String erid) throws Exception {
        Path published = storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, date, erid));
        assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)), "_SUCCESS for " + erid);
        assertFalse(Files.exists(storage.resolve(StorageLayout.incompletePartitionPath(TenantIds.DEFAULT, date, erid))),
                "no _incomplete partition left for " + erid);
        List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
        assertEquals(RECORDS_PER_ERID, rows.size(), "rows of " + erid);
        assertEquals(List.of(String.format("compacted-%010d-%010d.parquet", 0, RECORDS_PER_ERID - 1)),
                ParquetReadBack.parquetFilesIn(published).stream().map(p -> p.getFileName().toString()).toList(),
                "one compacted file");
        assertEquals(LongStream.range(0, RECORDS_PER_ERID).boxed().toList(),
                rows.stream().map(row -> (Long) row.get("record_index")).toList(), "in record_index order");
        Set<Long> indexes = distinctIndexes(rows);
        assertEquals(RECORDS_PER_ERID, indexes.size(), "each record_index once");
        assertEquals(0L, ((TreeSet<Long>) indexes).first());
        assertEquals(RECORDS_PER_ERID - 1L, ((TreeSet<Long>) indexes).last());
        JsonNode success = DesClient.JSON.readTree(published.resolve(StorageLayout.SUCCESS_MARKER).toFile());
        assertEquals(RECORDS_PER_ERID, success.get("rows").asLong());
        Set<String> listed = new TreeSet<>();
        success.get("files").forEach(f -> listed.add(f.asText()));
        Set<String> present = ParquetReadBack.parquetFilesIn(published).stream()
                .map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(present, listed, "_SUCCESS lists exactly the partition's files");
    }

    private static void assertServingMatchesIndependentReader(DesClient client, Path storage, String date, String erid)
            throws Exception {
        Map<Long, GenericRecord> byIndex = new HashMap<>();
        Path published = storage.resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, date, erid));
        for (GenericRecord row : ParquetReadBack.rowsIn(published)) {
            byIndex.put((Long) row.get("record_index"), row);
        }
        int pageSize = 1_000;
        int page = 1;
        long served = 0;
        while (true) {
            JsonNode answer = client.get(erid, date, date, page, pageSize);
            assertEquals("completed", answer.get("status").asText());
            assertEquals(RECORDS_PER_ERID / pageSize, answer.get("number_of_pages").asInt());
            for (JsonNode row : answer.get("data")) {
                GenericRecord expected = byIndex.get(row.get("record_index").asLong());
                assertEquals(String.valueOf(expected.get("first_name")), row.get("first_name").asText());
                assertEquals(String.valueOf(expected.get("last_name")), row.get("last_name").asText());
                assertEquals(String.valueOf(expected.get("enrichment_status")), row.get("enrichment_status").asText());
                Object email = expected.get("professional_email");
                JsonNode servedEmail = row.get("professional_email");
                assertEquals(email == null ? null : email.toString(),
                        servedEmail == null || servedEmail.isNull() ? null : servedEmail.asText());
                served++;
            }
            if (answer.get("next_page").isNull()) {
                break;
            }
            assertEquals(page + 1, answer.get("next_page").asInt());
            page++;
        }
        assertEquals(RECORDS_PER_ERID, served);
        long enriched = byIndex.values().stream().filter(r -> r.get("enrichment_status").toString().equals("enriched")).count();
        assertTrue(enriched > RECORDS_PER_ERID / 2, "most records are enriched by the sandbox, got " + enriched);
    }

    private static Set<Long> distinctIndexes(List<GenericRecord> rows) {
        return rows.stream().map(r -> (Long) r.get("record_index")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static void assertDeadLettersKeptWithReasons(Path storage) throws Exception {
        Path deadLetters = storage.resolve(StorageLayout.DEAD_LETTER_DIR);
        List<String> lines;
        try (Stream<Path> files = Files.walk(deadLetters)) {
            lines = files.filter(f -> f.getFileName().toString().endsWith(".jsonl") && !f.getFileName().toString().startsWith("."))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.toList());
        }
        assertEquals(3, lines.size(), "every malformed message is kept: " + lines);
        for (String line : lines) {
            assertFalse(DesClient.JSON.readTree(line).get("reason").asText().isBlank(), line);
        }
    }
}
