package io.des.job;

import io.des.enrich.EnrichmentSettings;
import io.des.registry.RegistryConnector;
import io.des.sink.EnrichedParquetSink;
import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.JobKeys;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The job's whole configuration, built once from property groups and validated at start: a bad
 * value fails the job before it touches any data, with every problem listed, each with its group
 * and key.
 *
 * <p>The groups ({@code DesSource}, {@code DesSink}, {@code DesJob}, {@code DesRegistry},
 * {@code DesEnrich}) and their keys, types, defaults and bounds are declared once in {@link
 * io.des.config.Catalogue} ({@link JobKeys}, {@link io.des.config.EnrichKeys}); the reference,
 * {@code docs/configuration.md}, is generated from it. Here go the rules that join keys (a key
 * required with a type). {@code checkpoint-interval-ms} and {@code parallelism} apply to local runs
 * only: Managed Flink sets them from the application's configuration.
 */
public final class JobConfig {

    /** Retention keys replaced by {@code DesJob.erid-expiry}: refused with their replacement, not as unknown. */
    private static final Set<String> RETIRED_KEYS = Set.of("published-state-retention-hours",
            "erid-state-retention-hours");

    public static final String SOURCE_GROUP = "DesSource";
    public static final String SINK_GROUP = "DesSink";
    public static final String JOB_GROUP = "DesJob";
    public static final String ENRICH_GROUP = "DesEnrich";
    public static final String REGISTRY_GROUP = RegistryConfig.GROUP;

    /** Where the job reads its records from. */
    public enum SourceType { KINESIS, BROKER }

    public final SourceType sourceType;
    public final String kinesisStream;
    /** {@code aws.*} and {@code flink.*} keys for the Kinesis consumer. */
    public final Properties kinesisConsumerProperties;
    public final String brokerDir;
    public final String storageRootUri;
    public final String catalog;
    public final String glueDatabase;
    public final String glueTable;
    public final String glueRegion;
    public final Duration publishTimeout;
    public final EridExpiry eridExpiry;
    public final long checkpointIntervalMillis;
    public final int parallelism;
    public final EnrichmentSettings enrichment;
    /** Where committed rows and completions are reported; {@link RegistryConnector#none()} for nowhere. */
    public final RegistryConnector registry;

    private JobConfig(Map<String, Properties> groups) {
        ConfigProblems problems = new ConfigProblems();
        Properties rawSink = group(groups, SINK_GROUP);
        Properties rawJob = group(groups, JOB_GROUP);
        ConfigValues source = ConfigLoader.load(JobKeys.SOURCE, group(groups, SOURCE_GROUP), problems);
        ConfigValues sink = ConfigLoader.load(JobKeys.SINK, toMap(rawSink), problems, RETIRED_KEYS::contains);
        ConfigValues job = ConfigLoader.load(JobKeys.JOB, toMap(rawJob), problems, RETIRED_KEYS::contains);

        sourceType = source.find(JobKeys.SOURCE_TYPE).map(type -> SourceType.valueOf(type.toUpperCase(Locale.ROOT)))
                .orElse(null);
        kinesisStream = source.raw(JobKeys.STREAM_NAME.key());
        brokerDir = source.raw(JobKeys.BROKER_DIR.key());
        kinesisConsumerProperties = new Properties();
        kinesisConsumerProperties.setProperty(JobKeys.AWS_REGION.key(), source.get(JobKeys.AWS_REGION));
        kinesisConsumerProperties.setProperty(JobKeys.INITIAL_POSITION.key(), source.get(JobKeys.INITIAL_POSITION));
        for (String key : source.keys()) {
            if (key.startsWith("aws.") || key.startsWith("flink.")) {
                kinesisConsumerProperties.setProperty(key, source.raw(key));
            }
        }
        if (sourceType == SourceType.KINESIS && isBlank(kinesisStream)) {
            problems.add(JobKeys.SOURCE, JobKeys.STREAM_NAME.key(), "is required when type is kinesis");
        }
        if (sourceType == SourceType.BROKER && isBlank(brokerDir)) {
            problems.add(JobKeys.SOURCE, JobKeys.BROKER_DIR.key(), "is required when type is broker");
        }

        storageRootUri = sink.find(JobKeys.ROOT_URI).map(URI::toString).orElse(null);
        catalog = sink.get(JobKeys.CATALOG);
        glueDatabase = sink.raw(JobKeys.GLUE_DATABASE.key());
        glueTable = sink.raw(JobKeys.GLUE_TABLE.key());
        glueRegion = sink.raw(JobKeys.GLUE_REGION.key());
        if (catalog.equals("glue") && (isBlank(glueDatabase) || isBlank(glueTable) || isBlank(glueRegion))) {
            problems.add(SINK_GROUP + ".glue.database, glue.table and glue.region are required when catalog is glue");
        }
        publishTimeout = sink.get(JobKeys.PUBLISH_TIMEOUT);
        eridExpiry = new EridExpiry(job.get(JobKeys.ERID_EXPIRY));
        refuseReplacedKey(rawSink, SINK_GROUP, "published-state-retention-hours", problems);
        refuseReplacedKey(rawJob, JOB_GROUP, "erid-state-retention-hours", problems);
        checkpointIntervalMillis = job.get(JobKeys.CHECKPOINT_INTERVAL_MS);
        parallelism = job.get(JobKeys.PARALLELISM).intValue();

        enrichment = EnrichmentSettings.load(group(groups, ENRICH_GROUP), System::getenv, problems);
        registry = RegistryConfig.from(group(groups, REGISTRY_GROUP), problems);

        problems.throwIfAny("DES configuration");
    }

    /**
     * Builds and validates the configuration.
     *
     * @throws IllegalArgumentException listing every problem found, each with its group and key
     */
    public static JobConfig from(Map<String, Properties> groups) {
        return new JobConfig(groups);
    }

    private static Properties group(Map<String, Properties> groups, String name) {
        Properties properties = groups.get(name);
        return properties == null ? new Properties() : properties;
    }

    /** A retention that would now be ignored silently is refused instead, with its replacement. */
    private static void refuseReplacedKey(Properties properties, String group, String key, ConfigProblems problems) {
        if (properties.getProperty(key) != null) {
            problems.add(group + "." + key + " is replaced by " + JOB_GROUP + ".erid-expiry (an ISO-8601 duration, "
                    + "e.g. P7D), from which the job's state retentions derive");
        }
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
