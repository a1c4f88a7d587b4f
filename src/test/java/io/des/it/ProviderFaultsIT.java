package io.des.it;

import io.des.enrich.EnrichmentSettings;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.BrokerSource;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.job.EnrichmentJob;
import io.des.job.EridExpiry;
import io.des.job.JobWiring;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.sink.EnrichedParquetSink;
import io.des.sink.PartitionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.job.JobConfig;
import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A provider that fails 10 % of requests with 503, leaves 5 % unanswered, throttles in bursts with
 * {@code Retry-After} and refuses anything beyond its rate limit, over real HTTP.
 */
class ProviderFaultsIT {

    private static final double SANDBOX_RPS_LIMIT = 100;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void everyRecordCompletesFailuresCarryReasonsAndTheRateLimitIsNeverExceeded() throws Exception {
        try (SandboxProviderServer sandbox = ProviderWaterfallIT.sandbox(hostile())) {
            Properties enrich = hostileProvider(sandbox);

            List<ContactRecord> in = ProviderWaterfallIT.contacts();
            List<EnrichedRecord> out = ProviderWaterfallIT.enrich(in, enrich);

            assertEquals(in.size(), out.size(), "every record leaves the stage");
            assertEquals(in.size(), out.stream().map(r -> r.record.recordIndex).distinct().count());
            Map<String, Long> byStatus = out.stream().collect(Collectors.groupingBy(r -> r.status, Collectors.counting()));
            assertTrue(byStatus.getOrDefault("enriched", 0L) > in.size() / 2, byStatus::toString);
            for (EnrichedRecord record : out) {
                if (record.fieldStatus.containsValue("failed")) {
                    assertTrue(record.reason != null && record.reason.matches(
                            ".*hostile: (provider returned (503|429)|provider request timeout).*after \\d attempts?.*"),
                            record::toString);
                }
            }
            assertTrue(sandbox.callsReceived() > in.size(), "faults must have been retried");
            assertEquals(0, sandbox.rateLimitViolations(), "the sandbox must never see more than its rate limit");
        }
    }

    private static SandboxBehaviour hostile() {
        return SandboxBehaviour.builder()
                .latency(Duration.ofMillis(5)).latencyJitter(Duration.ofMillis(20))
                .errorRate(0.10).timeoutRate(0.05).hang(Duration.ofSeconds(3))
                .throttleBursts(60, 3).retryAfterSeconds(1)
                .rateLimitRps(SANDBOX_RPS_LIMIT).seed(7).build();
    }

    private static Properties hostileProvider(SandboxProviderServer sandbox) {
        Properties enrich = new Properties();
        enrich.setProperty("providers", "hostile");
        enrich.setProperty("provider.hostile.endpoint", sandbox.endpoint().toString());
        enrich.setProperty("provider.hostile.request-timeout-ms", "250");
        enrich.setProperty("provider.hostile.rps", String.valueOf((long) SANDBOX_RPS_LIMIT));
        enrich.setProperty("provider.hostile.max-in-flight", "8");
        enrich.setProperty("provider.hostile.retry.max-attempts", "2");
        enrich.setProperty("provider.hostile.retry.initial-backoff-ms", "10");
        enrich.setProperty("provider.hostile.retry.max-backoff-ms", "50");
        enrich.setProperty("provider.hostile.circuit.failure-threshold", "50");
        return enrich;
    }

    /** The whole job (broker → … → sink → publisher) under the same faults: every ERID is published whole. */
    @Test
    void everyEridCompletesThroughTheWholeJobDespiteProviderFaults(@TempDir Path tmp) throws Exception {
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        Map<String, Integer> erids = Map.of("8a4e9d3a-5f80-4cdd-8fdb-4b9b1c8e0d99", 150, "9b5fae4b-6091-4dee-9fec-5cac2d9f1eaa", 100);
        try (SandboxProviderServer sandbox = ProviderWaterfallIT.sandbox(hostile());
             EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 2)) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            for (Map.Entry<String, Integer> erid : erids.entrySet()) {
                List<ContactRecord> records = new java.util.ArrayList<>();
                for (int i = 0; i < erid.getValue(); i++) {
                    records.add(new ContactRecord(TenantIds.DEFAULT, erid.getKey(), i, "2026-11-21", erid.getValue(),
                            List.of("professional_email", "job_title"),
                            Map.of("first_name", "F" + i + erid.getKey().charAt(0), "last_name", "L", "company_name", "Acme")));
                }
                publisher.publish(records);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            JobWiring.configureCheckpointing(env, 300);
            String root = storage.toUri().toString();
            new EnrichmentJob(
                    e -> e.fromSource(new BrokerSource(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "broker")
                            .uid("broker-source"),
                    new EnrichedParquetSink(root, PartitionCatalog.none(), Duration.ofHours(1)),
                    JobWiring.deadLetterSink(root), EridExpiry.DEFAULT,
                    EnrichmentSettings.fromProperties(hostileProvider(sandbox)))
                    .build(env);
            JobClient job = env.executeAsync("provider faults, whole job");
            try {
                for (Map.Entry<String, Integer> erid : erids.entrySet()) {
                    Path published = storage.resolve(
                            StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, "2026-11-21", erid.getKey()));
                    StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
                    List<GenericRecord> rows = ParquetReadBack.rowsIn(published);
                    assertEquals(erid.getValue().intValue(), rows.size());
                    assertEquals(erid.getValue().longValue(), rows.stream().map(r -> r.get("record_index")).distinct().count());
                    for (GenericRecord row : rows) {
                        if (row.get("enrichment_status").toString().equals("failed")) {
                            assertTrue(row.get("enrichment_reason") != null, row::toString);
                        }
                    }
                }
                assertEquals(0, sandbox.rateLimitViolations(), "the sandbox must never see more than its rate limit");
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void badProviderConfigurationFailsAtStartNamingTheProviderAndTheKey() {
        Properties enrich = new Properties();
        enrich.setProperty("providers", "good,bad");
        enrich.setProperty("provider.good.endpoint", "http://127.0.0.1:1/v1/lookup");
        enrich.setProperty("provider.bad.endpoint", "http://127.0.0.1:2/v1/lookup");
        enrich.setProperty("provider.bad.auth.type", "bearer");
        enrich.setProperty("provider.bad.auth.token-env", "DES_TEST_TOKEN_THAT_IS_NEVER_SET");
        enrich.setProperty("provider.bad.request-template", "{\"contact\": ");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> JobConfig.from(Map.of(
                JobConfig.SOURCE_GROUP, properties("type", "broker", "broker.dir", "/tmp/unused"),
                JobConfig.SINK_GROUP, properties("root.uri", "file:///tmp/unused"),
                JobConfig.ENRICH_GROUP, enrich)));

        String message = error.getMessage();
        assertTrue(message.contains("provider 'bad': 'provider.bad.auth.token-env'")
                && message.contains("DES_TEST_TOKEN_THAT_IS_NEVER_SET"), message);
        assertTrue(message.contains("provider 'bad': 'provider.bad.request-template'"), message);
        assertTrue(Set.of(message.split("\n")).stream().noneMatch(line -> line.contains("'good'")), message);
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
