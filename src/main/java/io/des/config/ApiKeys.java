package io.des.config;

import java.time.Duration;
import java.util.List;

/**
 * The environment variables of the API service in AWS ({@code target/des-<version>-api.jar}). An
 * unknown variable starting with {@code DES_} is refused (it is a typo of one of these); others are
 * not DES's and are left alone. Credentials come from the AWS default chain, never from here.
 */
public final class ApiKeys {

    private ApiKeys() {}

    public static final Setting<Long> PORT = Setting.key("DES_API_PORT").wholeNumber().defaultValue(8080L)
            .between(1L, 65_535L).description("the port the API listens on");
    public static final Setting<String> KINESIS_STREAM = Setting.key("DES_KINESIS_STREAM").text().required()
            .description("the stream POSTed records go to (the job's DesSource.stream.name)");
    public static final Setting<String> AWS_REGION = Setting.key("AWS_REGION").text().required()
            .description("the region of the stream, the registry and the secret");
    public static final Setting<java.net.URI> KINESIS_ENDPOINT = Setting.key("DES_KINESIS_ENDPOINT")
            .of(SettingType.HTTP_URL).defaultText("the region's endpoint")
            .description("a VPC endpoint or an emulator");
    public static final Setting<String> STORAGE_ROOT = Setting.key("DES_STORAGE_ROOT").text().required()
            .description("the job's DesSink.root.uri, s3://bucket[/prefix]");
    public static final Setting<String> QUERY_ENGINE = Setting.key("DES_QUERY_ENGINE").oneOf("parquet", "athena")
            .defaultValue("parquet")
            .description("where GET reads a completed ERID's rows: its Parquet files with ranged S3 GETs (the role"
                    + " needs s3:GetObject and s3:ListBucket on the root), or one Athena query per page");
    public static final Setting<Long> PARQUET_CACHE_CHUNKS = Setting.key("DES_PARQUET_CACHE_CHUNKS").wholeNumber()
            .defaultValue(1_000_000L).atLeast(1L).unit("column chunks")
            .description("footer entries (column chunks and pages, about 30 bytes each) the parquet engine keeps in"
                    + " memory");
    public static final Setting<String> ATHENA_DATABASE = Setting.key("DES_ATHENA_DATABASE").text()
            .defaultText("required with athena").description("the Athena (Glue) database");
    public static final Setting<String> ATHENA_TABLE = Setting.key("DES_ATHENA_TABLE").text()
            .defaultText("required with athena").description("the Athena (Glue) table");
    public static final Setting<String> ATHENA_OUTPUT = Setting.key("DES_ATHENA_OUTPUT").text()
            .defaultText("required with athena").description("an s3:// location for query results");
    public static final Setting<String> ATHENA_WORKGROUP = Setting.key("DES_ATHENA_WORKGROUP").text()
            .defaultValue("primary").description("the Athena workgroup");
    public static final Setting<String> TENANTS_SECRET = Setting.key("DES_TENANTS_SECRET").text().required()
            .description("name or ARN of the Secrets Manager secret holding the tenants document (docs/tenancy.md);"
                    + " the API in AWS always requires API keys");
    public static final Setting<String> REGISTRY_TABLE = Setting.key("DES_REGISTRY_TABLE").text().required()
            .description("the ERID registry's DynamoDB table (the job's DesRegistry.dynamodb.table)");
    public static final Setting<Duration> ERID_EXPIRY = JobKeys.eridExpiry("DES_ERID_EXPIRY")
            .description("the ERID expiry window, the same value as the job's DesJob.erid-expiry");
    public static final Setting<Duration> WEBHOOK_DEADLINE = Setting.key("DES_WEBHOOK_DEADLINE").duration()
            .defaultValue(Duration.ofHours(24)).above(Duration.ZERO)
            .description("how long a completion webhook is retried before its delivery gives up");
    public static final Setting<Boolean> CALLBACK_ALLOW_PRIVATE = Setting.key("DES_CALLBACK_ALLOW_PRIVATE").flag()
            .defaultValue(false)
            .description("true lets callback URLs reach private addresses (receivers in the VPC); loopback and"
                    + " link-local stay refused");
    public static final Setting<String> METRICS_TOKEN = Setting.key("DES_METRICS_TOKEN").text()
            .defaultText("none: no /metrics")
            .description("with it, GET /metrics serves the API's metrics to a scraper sending it as a bearer token;"
                    + " keep it in a secret, as API keys");

    public static final SettingGroup API = new SettingGroup("API environment", SettingGroup.Kind.ENVIRONMENT,
            "Environment variables of the API service in AWS (target/des-<version>-api.jar).",
            List.of(PORT, KINESIS_STREAM, AWS_REGION, KINESIS_ENDPOINT, STORAGE_ROOT, QUERY_ENGINE, PARQUET_CACHE_CHUNKS,
                    ATHENA_DATABASE, ATHENA_TABLE, ATHENA_OUTPUT, ATHENA_WORKGROUP, TENANTS_SECRET, REGISTRY_TABLE,
                    ERID_EXPIRY, WEBHOOK_DEADLINE, CALLBACK_ALLOW_PRIVATE, METRICS_TOKEN),
            // Read by other programs than the API service: the client and local mode.
            List.of("DES_API_KEY", "DES_WEBHOOK_SECRET", "DES_PIPELINE_STATE"));
}
