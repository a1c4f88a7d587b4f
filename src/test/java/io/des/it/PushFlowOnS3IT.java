package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.enrich.EnrichmentSettings;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.BrokerSource;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.job.EnrichmentJob;
import io.des.job.EridExpiry;
import io.des.job.JobWiring;
import io.des.local.LocalFileSystems;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.registry.RegistryConnector;
import io.des.sink.EnrichedParquetSink;
import io.des.sink.S3Connection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job onto S3 (s3proxy, written through {@code flink-s3-fs-hadoop} loaded as a plugin, as on
 * Managed Flink) in a MiniCluster, with a failure injected mid-stream: an ERID whose files span
 * several checkpoints is published once (compacted), with every record exactly once, and once it is published
 * no object and no multipart upload is left under its {@code _incomplete} prefix (the failure
 * abandoned the files it was writing: open uploads that DES aborts after publishing).
 */
class PushFlowOnS3IT {

    private static final String BUCKET = "des-push-flow-it";
    private static final URI ROOT = URI.create("s3://" + BUCKET + "/des");
    private static final String DATE = "2026-11-22";
    private static final String ERID = "8b4e9d3a-5f80-4cdd-8fab-4b9c1c8e0d99";
    private static final int SLICES = 3;
    private static final int SLICE = 1_000;
    private static final int TOTAL = SLICES * SLICE;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @AfterAll
    static void forgetS3() throws Exception {
        FileSystem.initialize(new Configuration(), null); // the emulator is gone; file systems are JVM-wide
    }

    @Test
    void anEridSpanningCheckpointsAndAFailureIsPublishedOnceWithNoUploadLeftOpen(@TempDir Path tmp) throws Exception {
        FailOnce.reset();
        Path registrations = tmp.resolve("registrations.txt");
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"));
                S3Client client = s3.client();
                EmbeddedBroker broker = EmbeddedBroker.open(Files.createDirectories(tmp.resolve("broker")), 4);
                SandboxProviderServer provider = SandboxProviderServer.start(new InetSocketAddress("127.0.0.1", 0),
                        SandboxBehaviour.builder().latency(Duration.ofMillis(2)).notFoundRate(0.1).errorRate(0.0).build())) {
            S3Connection connection = S3Connection.standard().withEndpoint(URI.create(s3.endpoint())).withPathStyle(true)
                    .withCredentials(S3ProxyEmulator.ACCESS_KEY, S3ProxyEmulator.SECRET_KEY);
            Configuration flink = new Configuration();
            connection.applyTo(flink);
            flink.setString("fs.s3a.directory.marker.retention", "keep"); // as local mode sets it
            LocalFileSystems.initialize(flink, LocalFileSystems.BUILD_PLUGINS, true);
            JobClient job = submit(tmp.resolve("broker"), provider, registrations, S3Connection.fromFlinkConfiguration(flink));

            BucketContents bucket = new BucketContents(client, BUCKET);
            String incomplete = StorageLayout.objectKey(ROOT, StorageLayout.incompletePartitionPath(TenantIds.DEFAULT, DATE, ERID)) + "/";
            String published = StorageLayout.objectKey(ROOT, StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, DATE, ERID)) + "/";
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            List<ContactRecord> records = records(TOTAL);
            for (int slice = 0; slice < SLICES; slice++) {
                publisher.publish(records.subList(slice * SLICE, (slice + 1) * SLICE));
                if (slice < SLICES - 1) {
                    // The next slice goes into files opened after this commit: the ERID's files span checkpoints.
                    int committedFiles = slice + 1;
                    await(() -> bucket.keys(incomplete).stream().filter(k -> k.endsWith(".parquet")).count() >= committedFiles,
                            Duration.ofMinutes(2), "slice " + slice + " in committed files");
                }
            }
            await(() -> bucket.keys(published).contains(published + StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3),
                    "the ERID published");
            assertTrue(FailOnce.FAILED.get(), "the injected failure must have happened");

            List<GenericRecord> rows = bucket.parquetRows(published, tmp);
            assertEquals(TOTAL, rows.size(), "nothing doubled");
            TreeSet<Long> indexes = rows.stream().map(r -> (Long) r.get("record_index")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(TOTAL, indexes.size(), "nothing lost");
            assertEquals(TOTAL - 1L, indexes.last());

            JsonNode success = DesClient.JSON.readTree(bucket.text(published + StorageLayout.SUCCESS_MARKER));
            List<String> listed = new ArrayList<>();
            success.get("files").forEach(f -> listed.add(published + f.asText()));
            assertEquals(bucket.keys(published).stream().filter(k -> k.endsWith(".parquet")).collect(Collectors.toList()),
                    listed.stream().sorted().collect(Collectors.toList()), "_SUCCESS lists exactly the partition's files");

            bucket.assertNothingLeftUnder(incomplete, Duration.ofSeconds(30));
            assertEquals(List.of(ERID), RecordingCatalog.registrations(registrations), "published once");
            job.cancel().get();
        }
    }

    private static JobClient submit(Path brokerDir, SandboxProviderServer provider, Path registrations, S3Connection s3)
            throws Exception {
        Properties enrich = new Properties();
        enrich.setProperty("provider.name", "sandbox");
        enrich.setProperty("provider.endpoint", provider.endpoint().toString());
        enrich.setProperty("async.capacity", "20");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobWiring.configureCheckpointing(env, 300);
        new EnrichmentJob(
                e -> e.fromSource(new BrokerSource(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "broker")
                        .uid("broker-source")
                        .map(new FailOnce(SLICE + SLICE / 2)).name("Inject one failure"),
                new EnrichedParquetSink(ROOT.toString(), new RecordingCatalog(registrations), Duration.ofHours(1),
                        RegistryConnector.none(), EnrichedParquetSink.DEFAULT_PUBLISH_TIMEOUT, s3),
                JobWiring.deadLetterSink(ROOT.toString()), EridExpiry.DEFAULT, EnrichmentSettings.fromProperties(enrich))
                .build(env);
        return env.executeAsync("DES push flow on S3 IT");
    }

    private static List<ContactRecord> records(int total) {
        List<ContactRecord> records = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            records.add(new ContactRecord(TenantIds.DEFAULT, ERID, i, DATE, total, List.of("professional_email"),
                    Map.of("first_name", "F" + i, "last_name", "L" + i, "company_name", "Company " + (i % 7))));
        }
        return records;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not reached in " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
