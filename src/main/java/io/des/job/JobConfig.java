package io.des.job;

import io.des.enrich.EnrichmentSettings;
import io.des.registry.RegistryConnector;
import io.des.sink.EnrichedParquetSink;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The job's whole configuration, built once from property groups and validated at start: a bad
 * value fails the job before it touches any data, with the group, the key and the reason.
 *
 * <p>Groups and keys (defaults in brackets):
 * <ul>
 *   <li>{@code DesSource}: {@code type} (kinesis | broker) [kinesis]; for kinesis {@code stream.name}
 *       (required), {@code aws.region} [us-east-1] and every other {@code aws.*} / {@code flink.*} key,
 *       passed to the Kinesis consumer as they are (e.g. {@code aws.endpoint},
 *       {@code flink.stream.initpos} [TRIM_HORIZON]); for broker {@code broker.dir} (required).
 *   <li>{@code DesSink}: {@code root.uri} (required; {@code file:///…} or {@code s3://bucket/prefix}),
 *       {@code catalog} (none | glue) [none], {@code glue.database}, {@code glue.table},
 *       {@code glue.region} (required with glue), {@code publish-timeout} [PT30M]: an ISO-8601 duration,
 *       how long publishing one complete ERID (compacting its files, {@code _SUCCESS}, the catalog,
 *       the registry) may take before the job fails and retries it; give it the compaction of the
 *       largest ERID (see {@link EnrichedParquetSink#DEFAULT_PUBLISH_TIMEOUT}).
 *   <li>{@code DesJob}: {@code erid-expiry} [P7D]: an ISO-8601 duration, the window after which an
 *       ERID without a new record is over; the dedupe state's and publish tracking's retentions
 *       derive from it (see {@link EridExpiry}). {@code checkpoint-interval-ms} [10000] and
 *       {@code parallelism} [1] apply to local runs only: Managed Flink sets them from the
 *       application's configuration.
 *   <li>{@code DesEnrich}: see {@link EnrichmentSettings#fromProperties}.
 *   <li>{@code DesRegistry}: {@code type} (none | sqlite | dynamodb) [none], {@code sqlite.path},
 *       {@code dynamodb.table}, {@code dynamodb.region}, {@code dynamodb.endpoint}: see {@link
 *       RegistryConfig}.
 * </ul>
 */
public final class JobConfig {

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
        List<String> problems = new ArrayList<>();
        Properties source = group(groups, SOURCE_GROUP);
        Properties sink = group(groups, SINK_GROUP);
        Properties job = group(groups, JOB_GROUP);

        String type = source.getProperty("type", "kinesis").trim();
        SourceType parsedType = null;
        try {
            parsedType = SourceType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(SOURCE_GROUP + ".type must be kinesis or broker, got: " + type);
        }
        sourceType = parsedType;
        kinesisStream = source.getProperty("stream.name");
        brokerDir = source.getProperty("broker.dir");
        kinesisConsumerProperties = new Properties();
        kinesisConsumerProperties.setProperty("aws.region", "us-east-1");
        kinesisConsumerProperties.setProperty("flink.stream.initpos", "TRIM_HORIZON");
        for (String key : source.stringPropertyNames()) {
            if (key.startsWith("aws.") || key.startsWith("flink.")) {
                kinesisConsumerProperties.setProperty(key, source.getProperty(key));
            }
        }
        if (sourceType == SourceType.KINESIS && isBlank(kinesisStream)) {
            problems.add(SOURCE_GROUP + ".stream.name is required when type is kinesis");
        }
        if (sourceType == SourceType.BROKER && isBlank(brokerDir)) {
            problems.add(SOURCE_GROUP + ".broker.dir is required when type is broker");
        }

        storageRootUri = sink.getProperty("root.uri");
        if (isBlank(storageRootUri)) {
            problems.add(SINK_GROUP + ".root.uri is required (file:///… or s3://bucket/prefix)");
        } else {
            try {
                String scheme = URI.create(storageRootUri).getScheme();
                if (scheme == null) {
                    problems.add(SINK_GROUP + ".root.uri needs a scheme (file:// or s3://), got: " + storageRootUri);
                }
            } catch (IllegalArgumentException e) {
                problems.add(SINK_GROUP + ".root.uri is not a URI: " + storageRootUri);
            }
        }
        catalog = sink.getProperty("catalog", "none").trim();
        glueDatabase = sink.getProperty("glue.database");
        glueTable = sink.getProperty("glue.table");
        glueRegion = sink.getProperty("glue.region");
        if (!catalog.equals("none") && !catalog.equals("glue")) {
            problems.add(SINK_GROUP + ".catalog must be none or glue, got: " + catalog);
        }
        if (catalog.equals("glue") && (isBlank(glueDatabase) || isBlank(glueTable) || isBlank(glueRegion))) {
            problems.add(SINK_GROUP + ".glue.database, glue.table and glue.region are required when catalog is glue");
        }
        publishTimeout = publishTimeout(sink, problems);
        eridExpiry = eridExpiry(job, problems);
        refuseReplacedKey(sink, SINK_GROUP, "published-state-retention-hours", problems);
        refuseReplacedKey(job, JOB_GROUP, "erid-state-retention-hours", problems);
        checkpointIntervalMillis = positiveLong(job, JOB_GROUP, "checkpoint-interval-ms", 10_000, problems);
        parallelism = (int) positiveLong(job, JOB_GROUP, "parallelism", 1, problems);

        EnrichmentSettings parsedEnrichment = null;
        try {
            parsedEnrichment = EnrichmentSettings.fromProperties(group(groups, ENRICH_GROUP));
        } catch (IllegalArgumentException e) {
            problems.add(ENRICH_GROUP + ": " + e.getMessage());
        }
        enrichment = parsedEnrichment;
        registry = RegistryConfig.from(group(groups, REGISTRY_GROUP), problems);

        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid DES configuration:\n  - " + String.join("\n  - ", problems));
        }
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

    private static EridExpiry eridExpiry(Properties job, List<String> problems) {
        String raw = job.getProperty("erid-expiry");
        if (raw == null) {
            return EridExpiry.DEFAULT;
        }
        try {
            return EridExpiry.parse(raw);
        } catch (IllegalArgumentException e) {
            problems.add(JOB_GROUP + ".erid-expiry: " + e.getMessage());
            return EridExpiry.DEFAULT;
        }
    }

    private static Duration publishTimeout(Properties sink, List<String> problems) {
        String raw = sink.getProperty("publish-timeout");
        if (raw == null) {
            return EnrichedParquetSink.DEFAULT_PUBLISH_TIMEOUT;
        }
        try {
            Duration parsed = Duration.parse(raw.trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(SINK_GROUP + ".publish-timeout must be a positive ISO-8601 duration such as PT30M, got: " + raw);
        return EnrichedParquetSink.DEFAULT_PUBLISH_TIMEOUT;
    }

    /** A retention that would now be ignored silently is refused instead, with its replacement. */
    private static void refuseReplacedKey(Properties properties, String group, String key, List<String> problems) {
        if (properties.getProperty(key) != null) {
            problems.add(group + "." + key + " is replaced by " + JOB_GROUP + ".erid-expiry (an ISO-8601 duration, "
                    + "e.g. P7D), from which the job's state retentions derive");
        }
    }

    private static long positiveLong(Properties properties, String group, String key, long defaultValue, List<String> problems) {
        String raw = properties.getProperty(key);
        if (raw == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(group + "." + key + " must be a positive integer, got: " + raw);
        return defaultValue;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
