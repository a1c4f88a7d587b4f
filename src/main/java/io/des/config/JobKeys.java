package io.des.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The keys of the job's property groups {@code DesSource}, {@code DesSink}, {@code DesJob} and
 * {@code DesRegistry} (the enrichment's are in {@link EnrichKeys}). Rules that join keys (a key
 * required with a type) are enforced by their readers, {@code JobConfig} and {@code RegistryConfig}.
 */
public final class JobKeys {

    private JobKeys() {}

    private static final Duration POSITIVE = Duration.ZERO;

    /**
     * The ERID expiry window, which the job, the API and local mode each read under their own name:
     * P7D by default, positive and at most a year (the job's state retentions derive from it).
     */
    static Setting.Builder<Duration> eridExpiry(String key) {
        return Setting.key(key).duration().defaultValue(Duration.ofDays(7))
                .check(d -> d.compareTo(Duration.ZERO) > 0 && d.compareTo(Duration.ofDays(365)) <= 0,
                        "positive and at most P365D");
    }

    // DesSource
    public static final Setting<String> SOURCE_TYPE = Setting.key("type").oneOf("kinesis", "broker")
            .defaultValue("kinesis")
            .description("where the job reads records: a Kinesis stream, or local mode's embedded broker");
    public static final Setting<String> STREAM_NAME = Setting.key("stream.name").text()
            .defaultText("required with kinesis")
            .description("the Kinesis stream the ingest API writes to");
    public static final Setting<String> AWS_REGION = Setting.key("aws.region").text().defaultValue("us-east-1")
            .description("the stream's region; every other aws.* and flink.* key goes to the Kinesis consumer as it is"
                    + " (e.g. aws.endpoint)");
    public static final Setting<String> INITIAL_POSITION = Setting.key("flink.stream.initpos").text()
            .defaultValue("TRIM_HORIZON")
            .description("where a job without state starts reading the stream");
    public static final Setting<String> BROKER_DIR = Setting.key("broker.dir").text()
            .defaultText("required with broker")
            .description("the embedded broker's directory (local mode sets it)");

    public static final SettingGroup SOURCE = new SettingGroup("DesSource", SettingGroup.Kind.PROPERTY_GROUP,
            "Where the job reads the records the ingest API accepted.",
            List.of(SOURCE_TYPE, STREAM_NAME, AWS_REGION, INITIAL_POSITION, BROKER_DIR), List.of("aws.", "flink."));

    // DesSink
    public static final Setting<URI> ROOT_URI = Setting.key("root.uri").of(SettingType.URI_TYPE).required()
            .description("where enriched data is written: file:///… or s3://bucket/prefix");
    public static final Setting<String> CATALOG = Setting.key("catalog").oneOf("none", "glue").defaultValue("none")
            .description("the catalog each published partition is added to");
    public static final Setting<String> GLUE_DATABASE = Setting.key("glue.database").text()
            .defaultText("required with glue").description("the Glue database");
    public static final Setting<String> GLUE_TABLE = Setting.key("glue.table").text()
            .defaultText("required with glue").description("the Glue table");
    public static final Setting<String> GLUE_REGION = Setting.key("glue.region").text()
            .defaultText("required with glue").description("the Glue catalog's region");
    public static final Setting<Duration> PUBLISH_TIMEOUT = Setting.key("publish-timeout").duration()
            .defaultValue(Duration.ofMinutes(30)).above(POSITIVE)
            .description("how long publishing one complete ERID (compacting its files, _SUCCESS, the catalog, the"
                    + " registry) may take before the job fails and retries it; give it the compaction of the largest"
                    + " ERID");

    public static final SettingGroup SINK = new SettingGroup("DesSink", SettingGroup.Kind.PROPERTY_GROUP,
            "Where and how enriched data is written and published.",
            List.of(ROOT_URI, CATALOG, GLUE_DATABASE, GLUE_TABLE, GLUE_REGION, PUBLISH_TIMEOUT), List.of());

    // DesJob
    public static final Setting<Duration> ERID_EXPIRY = eridExpiry("erid-expiry")
            .description("an ERID without a new record for this long is over (expired); the job's state"
                    + " retentions derive from it. The API's DES_ERID_EXPIRY must be the same");
    public static final Setting<Long> CHECKPOINT_INTERVAL_MS = Setting.key("checkpoint-interval-ms").wholeNumber()
            .defaultValue(10_000L).atLeast(1L).unit("ms")
            .description("checkpoint interval of local runs; Managed Flink sets its own from the application");
    public static final Setting<Long> PARALLELISM = Setting.key("parallelism").wholeNumber()
            .defaultValue(1L).between(1L, 1024L)
            .description("parallelism of local runs; Managed Flink sets its own from the application");

    public static final SettingGroup JOB = new SettingGroup("DesJob", SettingGroup.Kind.PROPERTY_GROUP,
            "The job's own settings.", List.of(ERID_EXPIRY, CHECKPOINT_INTERVAL_MS, PARALLELISM), List.of());

    // DesRegistry
    public static final Setting<String> REGISTRY_TYPE = Setting.key("type").oneOf("none", "sqlite", "dynamodb")
            .defaultValue("none")
            .description("where the job reports each ERID's committed rows and completion; none reports nothing");
    public static final Setting<String> SQLITE_PATH = Setting.key("sqlite.path").text()
            .defaultText("required with sqlite").description("the SQLite database file (local mode)");
    public static final Setting<String> DYNAMODB_TABLE = Setting.key("dynamodb.table").text()
            .defaultText("required with dynamodb").description("the registry's DynamoDB table, shared with the API");
    public static final Setting<String> DYNAMODB_REGION = Setting.key("dynamodb.region").text()
            .defaultText("required with dynamodb").description("the table's region");
    public static final Setting<URI> DYNAMODB_ENDPOINT = Setting.key("dynamodb.endpoint").of(SettingType.HTTP_URL)
            .defaultText("the region's endpoint")
            .description("only to reach an emulator or a private endpoint");

    public static final SettingGroup REGISTRY = new SettingGroup("DesRegistry", SettingGroup.Kind.PROPERTY_GROUP,
            "The ERID registry the job reports to (a key of the other store is refused).",
            List.of(REGISTRY_TYPE, SQLITE_PATH, DYNAMODB_TABLE, DYNAMODB_REGION, DYNAMODB_ENDPOINT), List.of());
}
