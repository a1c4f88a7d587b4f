package io.des.api;

import io.des.job.EridExpiry;
import io.des.serve.ParquetQueryEngine;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the API service in AWS, from environment variables (defaults in brackets):
 * <ul>
 *   <li>{@code DES_API_PORT} [8080]
 *   <li>{@code DES_KINESIS_STREAM} (required), {@code AWS_REGION} (required),
 *       {@code DES_KINESIS_ENDPOINT} (optional, e.g. a VPC endpoint or an emulator)
 *   <li>{@code DES_STORAGE_ROOT} (required): the job's {@code DesSink.root.uri}, {@code s3://bucket[/prefix]}
 *   <li>{@code DES_QUERY_ENGINE} [parquet]: where GET reads a completed ERID's rows. {@code parquet}:
 *       straight from its published Parquet files with ranged S3 GETs ({@link io.des.serve.ParquetQueryEngine};
 *       the role needs {@code s3:GetObject} and {@code s3:ListBucket} on the root), keeping what it needs of the
 *       footers of up to {@code DES_PARQUET_CACHE_CHUNKS} [1000000] column chunks and pages (about 30 bytes each)
 *       in memory.
 *       {@code athena}: one Athena query per page ({@link io.des.serve.AthenaQueryEngine}), which needs
 *       {@code DES_ATHENA_DATABASE}, {@code DES_ATHENA_TABLE}, {@code DES_ATHENA_OUTPUT} (an {@code s3://}
 *       location for query results) and {@code DES_ATHENA_WORKGROUP} [primary].
 *   <li>{@code DES_TENANTS_SECRET} (required): name or ARN of the AWS Secrets Manager secret whose
 *       string is the tenants document (see {@code docs/tenancy.md}); the service role needs
 *       {@code secretsmanager:GetSecretValue} on it. The API in AWS always requires API keys.
 *   <li>{@code DES_REGISTRY_TABLE} (required): the DynamoDB table of the ERID registry (shared with
 *       the job's {@code DesRegistry} group); {@code DES_ERID_EXPIRY} [P7D]: the ERID expiry window
 *       (ISO-8601), the same value as the job's {@code DesJob.erid-expiry}.
 *   <li>{@code DES_WEBHOOK_DEADLINE} [PT24H]: how long a webhook is retried (ISO-8601);
 *       {@code DES_CALLBACK_ALLOW_PRIVATE} [false]: {@code true} lets callback URLs reach private
 *       addresses (receivers in the VPC); loopback and link-local stay refused.
 *   <li>{@code DES_METRICS_TOKEN} (optional): with it, {@code GET /metrics} serves the API's
 *       metrics to a scraper sending it as a bearer token; without it there is no {@code /metrics}.
 *       Keep it in a secret, as API keys.
 * </ul>
 * Credentials come from the AWS default chain (instance or task role), never from configuration.
 */
final class ApiConfig {

    /** The values of {@code DES_QUERY_ENGINE}. */
    enum Engine {
        PARQUET, ATHENA
    }

    final int port;
    final String kinesisStream;
    final String region;
    final Optional<URI> kinesisEndpoint;
    final Engine queryEngine;
    final long parquetCacheChunks;
    final String athenaDatabase;
    final String athenaTable;
    final String athenaWorkgroup;
    final String athenaOutput;
    final String storageRoot;
    final String tenantsSecret;
    final String registryTable;
    final EridExpiry eridExpiry;
    final java.time.Duration webhookDeadline;
    final boolean callbackAllowPrivate;
    final Optional<String> metricsToken;

    private ApiConfig(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        port = port(env.getOrDefault("DES_API_PORT", "8080"), problems);
        kinesisStream = required(env, "DES_KINESIS_STREAM", problems);
        region = required(env, "AWS_REGION", problems);
        kinesisEndpoint = Optional.ofNullable(env.get("DES_KINESIS_ENDPOINT")).filter(v -> !v.isBlank()).map(URI::create);
        storageRoot = s3Root(required(env, "DES_STORAGE_ROOT", problems), problems);
        queryEngine = engine(env.getOrDefault("DES_QUERY_ENGINE", "parquet"), problems);
        parquetCacheChunks = positiveLong("DES_PARQUET_CACHE_CHUNKS",
                env.getOrDefault("DES_PARQUET_CACHE_CHUNKS", String.valueOf(ParquetQueryEngine.DEFAULT_CACHE_CHUNKS)), problems);
        // The Athena settings are asked for only when Athena serves; unset, the Parquet engine needs none of them.
        boolean athena = queryEngine == Engine.ATHENA;
        athenaDatabase = athena ? required(env, "DES_ATHENA_DATABASE", problems) : env.get("DES_ATHENA_DATABASE");
        athenaTable = athena ? required(env, "DES_ATHENA_TABLE", problems) : env.get("DES_ATHENA_TABLE");
        athenaWorkgroup = env.getOrDefault("DES_ATHENA_WORKGROUP", "primary");
        athenaOutput = athena ? required(env, "DES_ATHENA_OUTPUT", problems) : env.get("DES_ATHENA_OUTPUT");
        tenantsSecret = required(env, "DES_TENANTS_SECRET", problems);
        registryTable = required(env, "DES_REGISTRY_TABLE", problems);
        eridExpiry = expiry(env.getOrDefault("DES_ERID_EXPIRY", "P7D"), problems);
        webhookDeadline = positiveDuration("DES_WEBHOOK_DEADLINE", env.getOrDefault("DES_WEBHOOK_DEADLINE", "PT24H"), problems);
        String allowPrivate = env.getOrDefault("DES_CALLBACK_ALLOW_PRIVATE", "false").trim();
        if (!allowPrivate.equals("true") && !allowPrivate.equals("false")) {
            problems.add("DES_CALLBACK_ALLOW_PRIVATE must be true or false, got: " + allowPrivate);
        }
        callbackAllowPrivate = allowPrivate.equals("true");
        metricsToken = Optional.ofNullable(env.get("DES_METRICS_TOKEN")).map(String::trim).filter(token -> !token.isEmpty());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid DES API configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** @throws IllegalArgumentException listing every missing or invalid variable */
    static ApiConfig from(Map<String, String> env) {
        return new ApiConfig(env);
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return value.trim();
    }

    private static String s3Root(String value, List<String> problems) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
            problems.add("DES_STORAGE_ROOT must be s3://bucket[/prefix], got: " + value);
            return null;
        }
        return value;
    }

    private static Engine engine(String raw, List<String> problems) {
        try {
            return Engine.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("DES_QUERY_ENGINE must be parquet or athena, got: " + raw);
            return null;
        }
    }

    private static long positiveLong(String name, String raw, List<String> problems) {
        try {
            long value = Long.parseLong(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive whole number, got: " + raw);
        return -1;
    }

    private static EridExpiry expiry(String raw, List<String> problems) {
        try {
            return EridExpiry.parse(raw.trim());
        } catch (IllegalArgumentException e) {
            problems.add("DES_ERID_EXPIRY: " + e.getMessage());
            return null;
        }
    }

    private static java.time.Duration positiveDuration(String name, String raw, List<String> problems) {
        try {
            java.time.Duration parsed = java.time.Duration.parse(raw.trim());
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (java.time.format.DateTimeParseException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive ISO-8601 duration such as PT24H, got: " + raw);
        return null;
    }

    private static int port(String raw, List<String> problems) {
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("DES_API_PORT must be a port number, got: " + raw);
        return -1;
    }
}
