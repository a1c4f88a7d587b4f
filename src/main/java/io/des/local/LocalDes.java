package io.des.local;

import io.des.api.ApiServer;
import io.des.api.DesRoutes;
import io.des.api.tenant.EridCompletion;
import io.des.api.tenant.TenantEdge;
import io.des.api.tenant.TenantsFileSource;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.job.JobConfig;
import io.des.job.JobWiring;
import io.des.registry.EridRegistry;
import io.des.registry.SqliteEridRegistry;
import io.des.serve.DuckDbQueryEngine;
import io.des.serve.FlinkStorageReader;
import io.des.serve.IncompleteData;
import io.des.serve.ParquetQueryEngine;
import io.des.serve.QueryEngine;
import io.des.sink.S3Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * All of DES in one JVM, on the embedded defaults: the enrichment job in a Flink MiniCluster (web
 * UI on), the embedded broker, the sandbox provider (or the providers of {@code --providers-file},
 * see {@link LocalProviders}) and both APIs. Everything durable lives in the
 * data directory, so a restart with the same directory resumes from the savepoint its stop wrote, or
 * from the latest checkpoint after a kill, at any {@code --parallelism}.
 */
public final class LocalDes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDes.class);
    /** The embedded broker's partitions, and where it lives under the data directory. */
    public static final int BROKER_PARTITIONS = 4;
    public static final String BROKER_DIR = "broker";
    private static final String LOOPBACK = "127.0.0.1";
    /** How long a stop may take to write its savepoint before the job is cancelled instead. */
    private static final long STOP_WITH_SAVEPOINT_SECONDS = 60;
    /** The ERID registry of local mode, shared by the API and the job (SQLite, WAL). */
    static final String REGISTRY_FILE = "registry.db";

    private final LocalApi api;
    private final TenantEdge tenants;
    private final EridRegistry registry;
    private final JobClient job;
    private final ScheduledExecutorService watcher;
    private final LocalProviders providers;
    private final QueryEngine engine;
    /** The API's S3 client when the storage is on S3; null otherwise. */
    private final S3Client s3;
    private final EmbeddedBroker broker;
    private final Path checkpoints;
    private final int metricsPort;

    private LocalDes(LocalApi api, TenantEdge tenants, EridRegistry registry, JobClient job, ScheduledExecutorService watcher, LocalProviders providers,
            QueryEngine engine, S3Client s3, EmbeddedBroker broker, Path checkpoints, int metricsPort) {
        this.api = api;
        this.tenants = tenants;
        this.registry = registry;
        this.job = job;
        this.watcher = watcher;
        this.providers = providers;
        this.engine = engine;
        this.s3 = s3;
        this.broker = broker;
        this.checkpoints = checkpoints;
        this.metricsPort = metricsPort;
    }

    public static void main(String[] args) throws Exception {
        LocalDes des;
        try {
            des = start(LocalOptions.parse(args));
        } catch (IllegalArgumentException badConfiguration) {
            // Options, the tenants file and the job's configuration validate themselves with messages
            // naming what is wrong; a stack trace would only bury them.
            System.err.println("DES did not start: " + badConfiguration.getMessage());
            System.exit(2);
            return;
        } catch (Exception | Error failure) {
            // Threads started before the failure (broker, providers, MiniCluster) would keep the JVM up.
            LOG.error("DES did not start", failure);
            System.err.println("DES did not start: " + failure);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(des::close, "des-shutdown"));
        des.job.getJobExecutionResult().get();
    }

    /** Starts everything and returns once the API accepts requests (the job may still be starting). */
    public static LocalDes start(LocalOptions options) throws Exception {
        ApiServer.disableNagle(); // before the sandbox providers create the first JDK HttpServer
        Path data = options.dataDir.toAbsolutePath().normalize();
        Path brokerDir = Files.createDirectories(data.resolve(BROKER_DIR));
        Path storage = Files.createDirectories(data.resolve("storage"));
        Path checkpoints = Files.createDirectories(data.resolve("checkpoints"));

        // Tenants first: a broken tenants file stops the start before anything else runs.
        Clock clock = Clock.systemUTC();
        EridRegistry registry = new SqliteEridRegistry(data.resolve(REGISTRY_FILE));
        boolean onS3 = options.storageUri != null;
        // The job writes under this root; on S3 the local storage folder stays empty.
        String storageRoot = onS3 ? options.storageUri.toString() : storage.toUri().toString();
        // The job's S3 file system and the API's own S3 calls (expiry, rows) reach the same S3 as the same principal.
        S3Connection s3Connection = onS3 ? LocalS3.connection(options) : null;
        S3Client s3 = onS3 ? s3Connection.open() : null;
        QueryEngine engine = onS3 ? LocalS3.engine(s3, options) : localEngine(options, storage);
        IncompleteData incomplete = onS3 ? IncompleteData.s3(s3, options.storageUri) : IncompleteData.local(storage);
        TenantEdge tenants = options.tenantsFile == null
                ? TenantEdge.open(clock, LocalWebhookSecret.fromEnvironment())
                : TenantEdge.fromDocument(new TenantsFileSource(options.tenantsFile), clock, EridCompletion.of(registry));
        EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, BROKER_PARTITIONS);
        LocalProviders providers = LocalProviders.start(options);

        JobConfig config = JobConfig.from(Map.of(
                JobConfig.SOURCE_GROUP, properties("type", "broker", "broker.dir", brokerDir.toString()),
                JobConfig.SINK_GROUP, properties("root.uri", storageRoot),
                JobConfig.JOB_GROUP, properties(
                        "checkpoint-interval-ms", String.valueOf(options.checkpointIntervalMillis),
                        "erid-expiry", options.eridExpiry.window().toString()),
                JobConfig.ENRICH_GROUP, providers.enrichProperties(),
                // The API side opens the same file: the job's progress and completions are what GET answers.
                JobConfig.REGISTRY_GROUP, properties("type", "sqlite", "sqlite.path", data.resolve(REGISTRY_FILE).toString())));

        Optional<Path> resumeFrom = LatestCheckpoint.in(checkpoints);
        LatestCheckpoint.pruneOtherRuns(checkpoints, resumeFrom);
        int metricsPort = options.metricsPort == 0 ? freeLoopbackPort() : options.metricsPort;
        Configuration cluster = clusterConfiguration(options, checkpoints, resumeFrom, s3Connection, metricsPort);
        // Before the environment: the MiniCluster and the job's sink then see the same file systems and keys.
        LocalFileSystems.initialize(cluster, LocalFileSystems.pluginsDir(System.getenv()), onS3);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(cluster);
        env.setParallelism(options.parallelism);
        JobWiring.configureCheckpointing(env, config.checkpointIntervalMillis);
        JobWiring.jobFor(config, S3Connection.fromFlinkConfiguration(cluster)).build(env);
        JobClient job = env.executeAsync("DES enrichment (local)");
        resumeFrom.ifPresentOrElse(
                path -> LOG.info("Resumed from {} at parallelism {}", path, options.parallelism),
                () -> LOG.info("Started with empty state (no checkpoint in {})", checkpoints));

        AtomicBoolean jobRunning = new AtomicBoolean(false);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleWithFixedDelay(() -> job.getJobStatus().thenAccept(
                status -> jobRunning.set(status == JobStatus.RUNNING)), 0, 1, TimeUnit.SECONDS);

        LocalApi api = LocalApi.start(options, new DesRoutes.Parts(new BrokerRecordPublisher(broker), engine, registry, tenants,
                LocalApi.CALLBACK_URLS::refusal, jobRunning::get, clock), incomplete, Optional.ofNullable(options.metricsToken));
        LOG.info("DES is up: API http://{}:{}/v2/enriched_data ({}), Flink web UI http://127.0.0.1:{}, data in {}, enriched data under {}",
                options.host, api.port(), options.tenantsFile == null ? "one open tenant, no API keys"
                        : tenants.tenants().get().tenants().size() + " tenant(s) from " + options.tenantsFile,
                options.webUiPort, data, storageRoot);
        LOG.info("Metrics: the job's at http://127.0.0.1:{}/metrics, the API's at http://{}:{}/metrics{}", metricsPort,
                options.host, api.port(), options.metricsToken == null ? "" : " (bearer DES_METRICS_TOKEN)");
        return new LocalDes(api, tenants, registry, job, watcher, providers, engine, s3, broker, checkpoints, metricsPort);
    }

    /**
     * Rows from local storage: the Parquet engine by default, as on S3 and in AWS (it keeps each
     * published ERID's footers, so a page of a compacted file is one read; DuckDB parses every file's
     * footer at every query: see docs/benchmarks.md, serving); DuckDB on request.
     */
    private static QueryEngine localEngine(LocalOptions options, Path storage) throws java.io.IOException {
        return options.duckDb ? new DuckDbQueryEngine(storage) : new ParquetQueryEngine(new FlinkStorageReader(storage.toUri()));
    }

    /** The API's port (useful with {@code --port 0}). */
    public int port() {
        return api.port();
    }

    /** The port of the job's metrics in Prometheus text, on loopback (useful with {@code --metrics-port 0}). */
    public int metricsPort() {
        return metricsPort;
    }

    /** A port free on loopback now, for the reporter to bind when the job starts. */
    private static int freeLoopbackPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Lookups the sandbox providers have received so far (benchmarks use it to see enrichment finish). */
    public long providerCallsReceived() {
        return providers.sandboxCallsReceived();
    }

    /**
     * Stops the API (accepted POSTs finish and are answered first), then the job with a savepoint
     * (see {@link #stopJob}); savepoint and checkpoints stay for the next start.
     */
    @Override
    public void close() {
        LOG.info("Stopping DES: the job stops with a savepoint in {} for the next start", checkpoints);
        api.close();
        closeQuietly(tenants);
        watcher.shutdownNow();
        stopJob();
        providers.close();
        closeQuietly(engine);
        if (s3 != null) {
            closeQuietly(s3);
        }
        closeQuietly(broker);
        closeQuietly(registry);
    }

    /**
     * Stops the job with a savepoint in the checkpoint directory, which the next start resumes from
     * ({@link LatestCheckpoint}), at whatever {@code --parallelism} it is given: nothing done since the
     * last checkpoint is done again, and no lookup answered since is paid again. Should the savepoint
     * fail (the job restarting, a timeout), the job is cancelled and the next start resumes from the
     * latest checkpoint instead, as after a kill.
     */
    private void stopJob() {
        String target = checkpoints.resolve(LatestCheckpoint.SAVEPOINTS_DIR).toUri().toString();
        try {
            String savepoint = job.stopWithSavepoint(false, target, SavepointFormatType.CANONICAL)
                    .get(STOP_WITH_SAVEPOINT_SECONDS, TimeUnit.SECONDS);
            LOG.info("Job stopped with savepoint {}", savepoint);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Job did not stop with a savepoint; cancelling it, the next start resumes from its latest checkpoint", e);
        }
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Job did not cancel cleanly", e);
        }
    }

    private static Configuration clusterConfiguration(LocalOptions options, Path checkpoints, Optional<Path> resumeFrom,
            S3Connection s3, int metricsPort) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.PORT, options.webUiPort);
        // Every job metric in Prometheus text: what Managed Flink ships to CloudWatch, and Flink's own.
        conf.setString("metrics.reporter.prom.factory.class", LoopbackPrometheusReporter.Factory.class.getName());
        conf.setString("metrics.reporter.prom." + LoopbackPrometheusReporter.Factory.PORT, String.valueOf(metricsPort));
        // The web UI accepts job uploads: whatever --host the API binds to, the UI stays on this machine.
        conf.set(RestOptions.BIND_ADDRESS, LOOPBACK);
        conf.set(RestOptions.ADDRESS, LOOPBACK);
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // kill -9 leaves checkpoints behind anyway; a stop whose savepoint fails cancels the job, and must too.
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        resumeFrom.ifPresent(path -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        if (s3 != null) {
            LocalS3.configure(conf, s3);
        }
        return conf;
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Error while closing {}", closeable, e);
        }
    }
}
