package io.des.infra;

import java.util.List;
import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;

/**
 * The stack's CloudFormation parameters: what differs between deployments, each with the default
 * that matches {@code kda/create-application.json} and {@code kda/application-properties.json}, so a
 * deployment with no parameters is the one those files describe. Names follow AWS's own patterns
 * ({@code AllowedPattern}), so CloudFormation refuses a bad value before any resource is touched.
 */
final class DesParameters {

    /** The job's maximum parallelism, fixed in {@code EnrichmentJob.MAX_PARALLELISM}; savepoints depend on it. */
    static final int MAX_PARALLELISM = 128;

    final CfnParameter applicationName;
    final CfnParameter streamName;
    final CfnParameter streamMode;
    final CfnParameter shardCount;
    final CfnParameter bucketName;
    final CfnParameter storagePrefix;
    final CfnParameter artifactBucket;
    final CfnParameter jobJarKey;
    final CfnParameter apiJarKey;
    final CfnParameter glueDatabase;
    final CfnParameter glueTable;
    final CfnParameter registryTable;
    final CfnParameter tenantsSecretName;
    final CfnParameter eridExpiry;
    final CfnParameter publishTimeout;
    final CfnParameter providerName;
    final CfnParameter providerEndpoint;
    final CfnParameter asyncCapacity;
    final CfnParameter asyncTimeoutMs;
    final CfnParameter checkpointIntervalMs;
    final CfnParameter parallelism;
    final CfnParameter parallelismPerKpu;
    final CfnParameter autoScaling;
    final CfnParameter metricsLevel;
    /** True when the stream is PROVISIONED, i.e. {@link #shardCount} applies. */
    final CfnCondition provisionedStream;
    final CfnCondition autoScalingEnabled;

    DesParameters(Stack stack) {
        applicationName = text(stack, "ApplicationName", "des-enrichment", "[a-zA-Z0-9_.-]{1,128}",
                "Managed Flink application name");
        streamName = text(stack, "StreamName", "des-records", "[a-zA-Z0-9_.-]{1,128}", "Kinesis stream of records");
        streamMode = CfnParameter.Builder.create(stack, "StreamMode").type("String").defaultValue("ON_DEMAND")
                .allowedValues(List.of("ON_DEMAND", "PROVISIONED"))
                .description("ON_DEMAND, or PROVISIONED with ShardCount shards").build();
        shardCount = number(stack, "ShardCount", 4, 1, "Shards when StreamMode is PROVISIONED");
        bucketName = text(stack, "BucketName", "my-des-bucket", "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                "Bucket of the enriched data and dead letters (created by this stack)");
        storagePrefix = text(stack, "StoragePrefix", "des", "[a-zA-Z0-9_-]+(/[a-zA-Z0-9_-]+)*",
                "Storage root's key prefix in the bucket, without slashes at the ends");
        artifactBucket = text(stack, "ArtifactBucket", "my-des-artifacts", "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
                "Existing bucket holding the job and API jars");
        jobJarKey = text(stack, "JobJarKey", "des/des-0.1.0-SNAPSHOT.jar", "[a-zA-Z0-9!_.*'()/-]{1,1024}",
                "Key of the job jar (target/des-<version>.jar) in ArtifactBucket");
        apiJarKey = text(stack, "ApiJarKey", "des/des-0.1.0-SNAPSHOT-api.jar", "[a-zA-Z0-9!_.*'()/-]{1,1024}",
                "Key of the API jar (target/des-<version>-api.jar) in ArtifactBucket");
        glueDatabase = text(stack, "GlueDatabase", "des", "[a-z0-9_]{1,255}", "Glue database");
        glueTable = text(stack, "GlueTable", "enriched_data", "[a-z0-9_]{1,255}", "Glue table of the enriched data");
        registryTable = text(stack, "RegistryTable", "des-erid-registry", "[a-zA-Z0-9_.-]{3,255}",
                "DynamoDB table of the ERID registry");
        tenantsSecretName = text(stack, "TenantsSecretName", "des/tenants", "[a-zA-Z0-9/_+=.@-]{1,512}",
                "Existing Secrets Manager secret holding the tenants document (docs/tenancy.md)");
        eridExpiry = text(stack, "EridExpiry", "P7D", "P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?",
                "ERID expiry window, ISO-8601 (DesJob.erid-expiry and DES_ERID_EXPIRY)");
        publishTimeout = text(stack, "PublishTimeout", "PT30M", "P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?",
                "DesSink.publish-timeout, ISO-8601");
        providerName = text(stack, "ProviderName", "acme-data", "[a-zA-Z0-9_-]{1,64}", "DesEnrich.provider.name");
        providerEndpoint = text(stack, "ProviderEndpoint", "https://provider.example.com/v1/enrich", "https://\\S+",
                "DesEnrich.provider.endpoint");
        asyncCapacity = number(stack, "AsyncCapacity", 200, 1, "DesEnrich.async.capacity");
        asyncTimeoutMs = number(stack, "AsyncTimeoutMs", 30000, 1, "DesEnrich.async.timeout-ms");
        checkpointIntervalMs = number(stack, "CheckpointIntervalMs", 10000, 1000, "Checkpoint interval, ms");
        // At most the job's maximum parallelism (EnrichmentJob.MAX_PARALLELISM): keyed state cannot be split further.
        parallelism = CfnParameter.Builder.create(stack, "Parallelism").type("Number").defaultValue(4).minValue(1)
                .maxValue(MAX_PARALLELISM).description("Parallelism of the job, 1 to 128 (scripts/aws/scale.sh changes it)").build();
        parallelismPerKpu = number(stack, "ParallelismPerKpu", 1, 1, "Parallel tasks per KPU");
        autoScaling = CfnParameter.Builder.create(stack, "AutoScaling").type("String").defaultValue("false")
                .allowedValues(List.of("true", "false")).description("Managed Flink autoscaling").build();
        // APPLICATION: the job's kinesisanalytics metrics reach CloudWatch with the Application
        // dimension alone, which is what the alarms select; OPERATOR adds dimensions they would miss.
        metricsLevel = CfnParameter.Builder.create(stack, "MetricsLevel").type("String").defaultValue("APPLICATION")
                .allowedValues(List.of("APPLICATION", "OPERATOR", "TASK", "PARALLELISM"))
                .description("Managed Flink metrics level; the alarms need APPLICATION").build();
        provisionedStream = CfnCondition.Builder.create(stack, "ProvisionedStream")
                .expression(Fn.conditionEquals(streamMode.getValueAsString(), "PROVISIONED")).build();
        autoScalingEnabled = CfnCondition.Builder.create(stack, "AutoScalingEnabled")
                .expression(Fn.conditionEquals(autoScaling.getValueAsString(), "true")).build();
    }

    /** {@code s3://bucket/prefix}: the job's {@code DesSink.root.uri} and the API's {@code DES_STORAGE_ROOT}. */
    String storageRootUri() {
        return Fn.join("", List.of("s3://", bucketName.getValueAsString(), "/", storagePrefix.getValueAsString()));
    }

    private static CfnParameter text(Stack stack, String id, String defaultValue, String pattern, String description) {
        return CfnParameter.Builder.create(stack, id).type("String").defaultValue(defaultValue)
                .allowedPattern(pattern).description(description).build();
    }

    private static CfnParameter number(Stack stack, String id, int defaultValue, int min, String description) {
        return CfnParameter.Builder.create(stack, id).type("Number").defaultValue(defaultValue).minValue(min)
                .description(description).build();
    }
}
