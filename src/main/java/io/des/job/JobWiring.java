package io.des.job;

import io.des.ingest.broker.BrokerSource;
import io.des.model.StorageLayout;
import io.des.sink.EnrichedParquetSink;
import io.des.sink.GluePartitionCatalog;
import io.des.sink.PartitionCatalog;
import io.des.sink.S3Connection;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.DateTimeBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;

/** Turns a {@link JobConfig} into the connectors the job runs with. */
public final class JobWiring {

    private JobWiring() {}

    /**
     * @param s3 the S3 API as Flink's S3 file system reaches it ({@link
     *     S3Connection#fromFlinkConfiguration} of the job's Flink configuration); used only when the
     *     storage root is on S3
     */
    public static EnrichmentJob jobFor(JobConfig config, S3Connection s3) {
        return new EnrichmentJob(
                sourceFor(config),
                enrichedSinkFor(config, s3),
                deadLetterSink(config.storageRootUri),
                config.eridExpiry,
                config.enrichment,
                config.registry);
    }

    public static RecordSource sourceFor(JobConfig config) {
        switch (config.sourceType) {
            case KINESIS:
                return kinesis(config);
            case BROKER:
                return broker(config.brokerDir);
            default:
                throw new IllegalStateException("unknown source type " + config.sourceType);
        }
    }

    /**
     * The polling Kinesis consumer (legacy SourceFunction): the newer KinesisStreamsSource in
     * connector 4.3.0 has a data-loss bug at shard-split restore fixed only in 5.1.0 (FLINK-37627).
     * The uid must stay {@code kinesis-source}: its state holds the shard sequence numbers.
     */
    static RecordSource kinesis(JobConfig config) {
        return env -> env.addSource(new FlinkKinesisConsumer<>(
                        config.kinesisStream, new RawBytesSchema(), config.kinesisConsumerProperties))
                .uid("kinesis-source").name("Kinesis: " + config.kinesisStream);
    }

    static RecordSource broker(String brokerDir) {
        return env -> env.fromSource(new BrokerSource(brokerDir), WatermarkStrategy.noWatermarks(), "Embedded broker")
                .uid("broker-source");
    }

    static Sink<io.des.model.EnrichedRecord> enrichedSinkFor(JobConfig config, S3Connection s3) {
        PartitionCatalog catalog = config.catalog.equals("glue")
                ? new GluePartitionCatalog(config.glueDatabase, config.glueTable, config.glueRegion)
                : PartitionCatalog.none();
        // Publish tracking and dedupe state derive from the one expiry window (see EridExpiry).
        return new EnrichedParquetSink(config.storageRootUri, catalog, config.eridExpiry.publishTrackingRetention(),
                config.registry, config.publishTimeout, s3);
    }

    /** Dead letters as JSON lines, one directory per day, committed with the same checkpoints. */
    public static Sink<String> deadLetterSink(String storageRootUri) {
        String root = storageRootUri.endsWith("/") ? storageRootUri : storageRootUri + "/";
        return FileSink.forRowFormat(new Path(root + StorageLayout.DEAD_LETTER_DIR), new SimpleStringEncoder<String>())
                .withBucketAssigner(new DateTimeBucketAssigner<>("'date='yyyy-MM-dd"))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("dead-letter").withPartSuffix(".jsonl").build())
                .build();
    }

    /**
     * Managed Flink sets checkpointing, parallelism and restarts from the application's
     * configuration; a local run sets them here. Without an explicit restart strategy a local job
     * with checkpointing would restart forever on a persistent error.
     */
    public static void configureLocalRunIfNeeded(StreamExecutionEnvironment env, JobConfig config) {
        if (!(env instanceof LocalStreamEnvironment)) {
            return;
        }
        configureCheckpointing(env, config.checkpointIntervalMillis);
        // Files, not the JobManager's memory: that storage caps an operator's state at 5 MB, which
        // the lookup cache passes at about 100,000 entries.
        Configuration storage = new Configuration();
        storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, localCheckpointDir(config.storageRootUri));
        env.configure(storage);
        env.setParallelism(config.parallelism);
    }

    /** {@code <root>/_checkpoints}: next to the data, outside the table's directory. */
    static String localCheckpointDir(String storageRootUri) {
        return (storageRootUri.endsWith("/") ? storageRootUri : storageRootUri + "/") + "_checkpoints";
    }

    public static void configureCheckpointing(StreamExecutionEnvironment env, long intervalMillis) {
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(intervalMillis, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig().setMinPauseBetweenCheckpoints(Math.min(intervalMillis / 2, 1_000));
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(500));
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, Duration.ofSeconds(30));
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, 20);
        env.configure(restarts);
    }
}
