package io.des.bench;

import io.des.enrich.EnrichmentSettings;
import io.des.enrich.ProviderSpec;
import io.des.enrich.ProviderLimits;
import io.des.enrich.WaterfallSpec;
import io.des.enrich.LookupCacheSettings;
import io.des.enrich.RetryPolicy;
import io.des.ingest.broker.BrokerSource;
import io.des.job.EnrichmentJob;
import io.des.job.EridExpiry;
import io.des.job.JobWiring;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.sink.EnrichedParquetSink;
import io.des.sink.PartitionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole DES job as local mode wires it (embedded broker source, validation, dedupe, async
 * enrichment, two-phase-commit Parquet sink, publisher), on a MiniCluster in this JVM.
 *
 * <p>The source is the unbounded one: with a bounded source the final checkpoint's committables
 * never reach the post-commit publisher (FLINK-38614), so the ERID would never be published. The
 * run ends when the ERID's {@code _SUCCESS} appears; the job is then cancelled.
 */
final class PipelineJob {

    private final Path brokerDir;
    private final Path storage;
    private final ProviderSpec provider;
    private final int totalCapacity;
    private final Duration checkpointInterval;

    PipelineJob(Path brokerDir, Path storage, ProviderSpec provider, int totalCapacity, Duration checkpointInterval) {
        this.brokerDir = brokerDir;
        this.storage = storage;
        this.provider = provider;
        this.totalCapacity = totalCapacity;
        this.checkpointInterval = checkpointInterval;
    }

    JobClient start() throws Exception {
        return start(new Configuration());
    }

    /** Starts the job on a MiniCluster with {@code conf}'s settings added. */
    JobClient start(Configuration conf) throws Exception {
        StreamExecutionEnvironment env = LocalJobs.environment(conf);
        JobWiring.configureCheckpointing(env, checkpointInterval.toMillis());
        String root = storage.toUri().toString();
        int capacity = totalCapacity / LocalJobs.PARALLELISM;
        EnrichmentSettings settings = new EnrichmentSettings(
                WaterfallSpec.single(provider, ProviderLimits.inFlightAndRetries(capacity, RetryPolicy.defaults())),
                Duration.ofSeconds(60), capacity, LookupCacheSettings.defaults());
        new EnrichmentJob(
                e -> e.fromSource(new BrokerSource(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "Embedded broker")
                        .uid("broker-source"),
                new EnrichedParquetSink(root, PartitionCatalog.none(), EridExpiry.DEFAULT.publishTrackingRetention()),
                JobWiring.deadLetterSink(root),
                EridExpiry.DEFAULT,
                settings).build(env);
        return LocalJobs.startAndAwaitRunning(env, "bench pipeline");
    }

    /** Blocks (this is the harness thread, not a task thread) until the ERID is published. */
    void awaitPublished(String erid, Duration timeout) throws InterruptedException {
        Path marker = storage
                .resolve(StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, SyntheticContacts.REQUEST_DATE, erid))
                .resolve(StorageLayout.SUCCESS_MARKER);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(marker)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ERID " + erid + " was not published within " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
