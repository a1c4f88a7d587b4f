package io.des.api;

import io.des.config.ApiKeys;
import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.Setting;
import io.des.job.EridExpiry;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of the API service in AWS, from environment variables: their names, defaults and
 * bounds are declared in {@link ApiKeys} (reference: {@code docs/configuration.md}). Credentials
 * come from the AWS default chain (instance or task role), never from configuration.
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
        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(ApiKeys.API, env, problems);
        port = values.get(ApiKeys.PORT).intValue();
        kinesisStream = values.raw(ApiKeys.KINESIS_STREAM.key());
        region = values.raw(ApiKeys.AWS_REGION.key());
        kinesisEndpoint = values.find(ApiKeys.KINESIS_ENDPOINT);
        storageRoot = s3Root(values.raw(ApiKeys.STORAGE_ROOT.key()), problems);
        queryEngine = values.find(ApiKeys.QUERY_ENGINE).map(engine -> Engine.valueOf(engine.toUpperCase(Locale.ROOT)))
                .orElse(null);
        parquetCacheChunks = values.get(ApiKeys.PARQUET_CACHE_CHUNKS);
        // The Athena settings are asked for only when Athena serves; unset, the Parquet engine needs none of them.
        boolean athena = queryEngine == Engine.ATHENA;
        athenaDatabase = athena ? required(values, ApiKeys.ATHENA_DATABASE, problems) : values.raw(ApiKeys.ATHENA_DATABASE.key());
        athenaTable = athena ? required(values, ApiKeys.ATHENA_TABLE, problems) : values.raw(ApiKeys.ATHENA_TABLE.key());
        athenaWorkgroup = values.get(ApiKeys.ATHENA_WORKGROUP);
        athenaOutput = athena ? required(values, ApiKeys.ATHENA_OUTPUT, problems) : values.raw(ApiKeys.ATHENA_OUTPUT.key());
        tenantsSecret = values.raw(ApiKeys.TENANTS_SECRET.key());
        registryTable = values.raw(ApiKeys.REGISTRY_TABLE.key());
        eridExpiry = new EridExpiry(values.get(ApiKeys.ERID_EXPIRY));
        webhookDeadline = values.get(ApiKeys.WEBHOOK_DEADLINE);
        callbackAllowPrivate = values.get(ApiKeys.CALLBACK_ALLOW_PRIVATE);
        metricsToken = values.find(ApiKeys.METRICS_TOKEN).map(String::trim).filter(token -> !token.isEmpty());
        problems.throwIfAny("DES API configuration");
    }

    /** @throws IllegalArgumentException listing every missing or invalid variable */
    static ApiConfig from(Map<String, String> env) {
        return new ApiConfig(env);
    }

    private static String required(ConfigValues values, Setting<String> setting, ConfigProblems problems) {
        String value = values.raw(setting.key());
        if (value == null || value.isBlank()) {
            problems.add(ApiKeys.API, setting.key(), "is required when DES_QUERY_ENGINE is athena");
            return null;
        }
        return value;
    }

    private static String s3Root(String value, ConfigProblems problems) {
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
            problems.add(ApiKeys.API, ApiKeys.STORAGE_ROOT.key(), "must be s3://bucket[/prefix], got: " + value);
            return null;
        }
        return value;
    }
}
