package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiConfigTest {

    private static Map<String, String> complete() {
        Map<String, String> env = new HashMap<>();
        env.put("DES_KINESIS_STREAM", "des-records");
        env.put("AWS_REGION", "eu-west-1");
        env.put("DES_STORAGE_ROOT", "s3://bucket/des");
        env.put("DES_TENANTS_SECRET", "prod/des/tenants");
        env.put("DES_REGISTRY_TABLE", "des-registry");
        return env;
    }

    @Test
    void completeEnvironmentGivesDefaultsForTheRest() {
        ApiConfig config = ApiConfig.from(complete());
        assertEquals(8080, config.port);
        assertEquals(ApiConfig.Engine.PARQUET, config.queryEngine, "rows from the Parquet files, no Athena setting needed");
        assertEquals(1_000_000, config.parquetCacheChunks);
        assertTrue(config.kinesisEndpoint.isEmpty());
    }

    @Test
    void theMetricsTokenIsOptionalAndBlankMeansNone() {
        assertTrue(ApiConfig.from(complete()).metricsToken.isEmpty(), "no token: ApiMain serves no /metrics");
        Map<String, String> env = complete();
        env.put("DES_METRICS_TOKEN", "  ");
        assertTrue(ApiConfig.from(env).metricsToken.isEmpty());
        env.put("DES_METRICS_TOKEN", "scrape-me");
        assertEquals("scrape-me", ApiConfig.from(env).metricsToken.orElseThrow());
    }

    @Test
    void athenaAsTheEngineNeedsItsSettings() {
        Map<String, String> env = complete();
        env.put("DES_QUERY_ENGINE", "athena");
        String message = assertThrows(IllegalArgumentException.class, () -> ApiConfig.from(env)).getMessage();
        assertTrue(message.contains("DES_ATHENA_DATABASE is required") && message.contains("DES_ATHENA_TABLE is required")
                && message.contains("DES_ATHENA_OUTPUT is required"), message);

        env.put("DES_ATHENA_DATABASE", "des");
        env.put("DES_ATHENA_TABLE", "enriched_data");
        env.put("DES_ATHENA_OUTPUT", "s3://results/des/");
        ApiConfig config = ApiConfig.from(env);
        assertEquals(ApiConfig.Engine.ATHENA, config.queryEngine);
        assertEquals("primary", config.athenaWorkgroup);
    }

    @Test
    void anUnknownEngineABadCacheBoundOrANonS3RootIsRefused() {
        Map<String, String> env = complete();
        env.put("DES_QUERY_ENGINE", "duckdb");
        env.put("DES_PARQUET_CACHE_CHUNKS", "0");
        env.put("DES_STORAGE_ROOT", "/data/des");
        String message = assertThrows(IllegalArgumentException.class, () -> ApiConfig.from(env)).getMessage();
        assertTrue(message.contains("DES_QUERY_ENGINE must be one of parquet, athena, got: duckdb"), message);
        assertTrue(message.contains("DES_PARQUET_CACHE_CHUNKS"), message);
        assertTrue(message.contains("DES_STORAGE_ROOT must be s3://bucket[/prefix]"), message);
    }

    @Test
    void everyMissingVariableIsNamedAtOnce() {
        Map<String, String> env = complete();
        env.remove("DES_KINESIS_STREAM");
        env.remove("DES_STORAGE_ROOT");
        env.put("DES_API_PORT", "eighty");
        String message = assertThrows(IllegalArgumentException.class, () -> ApiConfig.from(env)).getMessage();
        assertTrue(message.contains("DES_KINESIS_STREAM is required"), message);
        assertTrue(message.contains("DES_STORAGE_ROOT is required"), message);
        assertTrue(message.contains("DES_API_PORT"), message);
    }

    @Test
    void webhookSettingsDefaultAndAreValidated() {
        ApiConfig config = ApiConfig.from(complete());
        assertEquals(java.time.Duration.ofHours(24), config.webhookDeadline);
        assertEquals(false, config.callbackAllowPrivate);
        Map<String, String> env = complete();
        env.put("DES_WEBHOOK_DEADLINE", "soon");
        env.put("DES_CALLBACK_ALLOW_PRIVATE", "yes");
        String message = assertThrows(IllegalArgumentException.class, () -> ApiConfig.from(env)).getMessage();
        assertTrue(message.contains("DES_WEBHOOK_DEADLINE") && message.contains("DES_CALLBACK_ALLOW_PRIVATE"), message);
    }
}
