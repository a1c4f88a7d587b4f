package io.des.config;

import java.time.Duration;
import java.util.List;

/**
 * The flags of {@code scripts/run-local.sh} (local mode, everything in one process). Several mirror
 * a key of the job or the API, which local mode sets from them; their descriptions say which.
 */
public final class LocalFlags {

    private LocalFlags() {}

    public static final Setting<String> HOST = Setting.key("--host").text().defaultValue("127.0.0.1")
            .description("the address the API listens on; anything but loopback needs --tenants-file");
    public static final Setting<Long> PORT = Setting.key("--port").wholeNumber().defaultValue(8080L)
            .between(0L, 65_535L).description("the API's port (mirrors DES_API_PORT)");
    public static final Setting<String> DATA_DIR = Setting.key("--data-dir").text().defaultValue("data")
            .description("the broker's files, the Parquet storage, the checkpoints and the registry; started again"
                    + " with the same directory, local mode resumes from its latest checkpoint");
    public static final Setting<Long> WEB_UI_PORT = Setting.key("--web-ui-port").wholeNumber().defaultValue(8081L)
            .between(0L, 65_535L).description("the Flink web UI's port");
    public static final Setting<Long> METRICS_PORT = Setting.key("--metrics-port").wholeNumber().defaultValue(9249L)
            .between(0L, 65_535L).description("the job's metrics in Prometheus text on 127.0.0.1 (0 for a free port);"
                    + " the API's are at GET /metrics, which asks for DES_METRICS_TOKEN as a bearer token when it is set");
    public static final Setting<Long> PARALLELISM = Setting.key("--parallelism").wholeNumber().defaultValue(2L)
            .between(1L, 64L).description("the job's parallelism (mirrors DesJob.parallelism); stopped with Ctrl-C, local"
                    + " mode writes a savepoint, and started again on the same --data-dir it resumes from it at any"
                    + " --parallelism");
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.key("--checkpoint-interval-ms").wholeNumber()
            .defaultValue(2_000L).between(100L, 600_000L).unit("ms")
            .description("the checkpoint interval (mirrors DesJob.checkpoint-interval-ms)");
    public static final Setting<Long> PROVIDER_LATENCY_MS = Setting.key("--provider-latency-ms").wholeNumber()
            .defaultValue(20L).between(0L, 60_000L).unit("ms")
            .description("the default sandbox provider's answer time (its latency-ms)");
    public static final Setting<Double> PROVIDER_NOT_FOUND_RATE = Setting.key("--provider-not-found-rate").decimal()
            .defaultValue(0.1).between(0.0, 1.0)
            .description("share of contacts the default sandbox provider does not know (its not-found-rate)");
    public static final Setting<Double> PROVIDER_ERROR_RATE = Setting.key("--provider-error-rate").decimal()
            .defaultValue(0.0).between(0.0, 1.0)
            .description("share of requests the default sandbox provider answers 503 (its error-rate)");
    public static final Setting<String> PROVIDERS_FILE = Setting.key("--providers-file").text()
            .defaultText("one sandbox provider")
            .description("DesEnrich keys (providers and waterfalls, docs/providers.md) instead of the single sandbox;"
                    + " an endpoint of sandbox starts a sandbox set by provider.<p>.sandbox.* keys. The"
                    + " --provider-* flags then do not apply");
    public static final Setting<String> TENANTS_FILE = Setting.key("--tenants-file").text()
            .defaultText("one open tenant, loopback only")
            .description("tenants, API key digests and limits (samples/tenants.json), re-read when it changes");
    public static final Setting<Duration> ERID_EXPIRY = JobKeys.eridExpiry("--erid-expiry")
            .description("an ERID with no new record for this long expires (mirrors DesJob.erid-expiry and"
                    + " DES_ERID_EXPIRY); PT30S to try it");
    public static final Setting<Duration> WEBHOOK_DEADLINE = Setting.key("--webhook-deadline").duration()
            .defaultValue(Duration.ofHours(24)).above(Duration.ZERO)
            .description("how long a completion webhook is retried (mirrors DES_WEBHOOK_DEADLINE)");
    public static final Setting<String> STORAGE_URI = Setting.key("--storage-uri").text()
            .defaultText("<data-dir>/storage")
            .description("s3://bucket/prefix to write the enriched data to S3 (mirrors DesSink.root.uri); credentials"
                    + " from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY");
    public static final Setting<String> S3_ENDPOINT = Setting.key("--s3-endpoint").text().defaultText("AWS")
            .description("an S3 API other than AWS's, e.g. http://127.0.0.1:9000 (needs --storage-uri)");
    public static final Setting<String> QUERY_ENGINE = Setting.key("--query-engine").oneOf("parquet", "duckdb")
            .defaultValue("parquet")
            .description("how GET reads rows: straight from the Parquet files, or an embedded DuckDB (local storage"
                    + " only); mirrors DES_QUERY_ENGINE");

    public static final SettingGroup FLAGS = new SettingGroup("run-local.sh", SettingGroup.Kind.FLAGS,
            "Flags of scripts/run-local.sh (everything in one process).",
            List.of(HOST, PORT, DATA_DIR, WEB_UI_PORT, METRICS_PORT, PARALLELISM, CHECKPOINT_INTERVAL_MS, PROVIDER_LATENCY_MS,
                    PROVIDER_NOT_FOUND_RATE, PROVIDER_ERROR_RATE, PROVIDERS_FILE, TENANTS_FILE, ERID_EXPIRY,
                    WEBHOOK_DEADLINE, STORAGE_URI, S3_ENDPOINT, QUERY_ENGINE),
            List.of());
}
