package io.des.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The synthesised template: what a deployment relies on, checked without AWS and without the cdk CLI. */
class DesStackTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        template = Template.fromStack(new DesStack(app, "DesStack",
                StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build()));
    }

    @Test
    void streamIsOnDemandByDefaultWithShardsOnlyWhenProvisioned() {
        template.hasResourceProperties("AWS::Kinesis::Stream", Map.of(
                "Name", Map.of("Ref", "StreamName"),
                "StreamModeDetails", Map.of("StreamMode", Map.of("Ref", "StreamMode")),
                "ShardCount", Map.of("Fn::If", List.of("ProvisionedStream", Map.of("Ref", "ShardCount"),
                        Map.of("Ref", "AWS::NoValue")))));
        template.hasParameter("StreamMode", Map.of("Default", "ON_DEMAND"));
        template.hasParameter("StreamName", Map.of("Default", "des-records"));
    }

    @Test
    void bucketIsEncryptedWithTheStacksKeyAndClosedToThePublic() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                        "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(logicalId("AWS::KMS::Key"), "Arn"))),
                        "BucketKeyEnabled", true))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void bucketPolicyRefusesRequestsWithoutTls() {
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @Test
    void lifecycleRuleAbortsUploadsLeftOpenUnderTheStorageRoot() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Map.of("Id", "des-abort-incomplete-multipart-uploads", "Status", "Enabled",
                        "Prefix", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "StoragePrefix"), "/"))),
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation",
                                DataBucket.DEFAULT_ABORT_UPLOADS_AFTER_DAYS))))));
    }

    @Test
    void glueTableIsTheParquetTableOfTheDocsPartitionedWithoutProjection() {
        template.hasResourceProperties("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of(
                "PartitionKeys", List.of(Map.of("Name", "tenant", "Type", "string"),
                        Map.of("Name", "request_date", "Type", "string"), Map.of("Name", "erid", "Type", "string")),
                "StorageDescriptor", Match.objectLike(Map.of(
                        "SerdeInfo", Map.of("SerializationLibrary", "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"),
                        "Columns", Match.arrayWith(List.of(Map.of("Name", "record_index", "Type", "bigint"),
                                Map.of("Name", "professional_email", "Type", "string"),
                                Map.of("Name", "field_status", "Type", "map<string,string>"),
                                Map.of("Name", "enriched_at", "Type", "timestamp")))))))));
        Map<String, Map<String, Object>> tables = template.findResources("AWS::Glue::Table");
        String table = tables.values().iterator().next().toString();
        assertFalse(table.contains("projection"), "partition projection would expose _incomplete data: " + table);
    }

    @Test
    void registryTableHasTheKeysIndexesAndTtlOfDynamoDbEridRegistry() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "BillingMode", "PAY_PER_REQUEST",
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "GlobalSecondaryIndexes", List.of(index("gsi1"), index("gsi2")),
                "TimeToLiveSpecification", Map.of("AttributeName", "ttl", "Enabled", true)));
    }

    private static Map<String, Object> index(String name) {
        return Map.of("IndexName", name, "KeySchema", List.of(Map.of("AttributeName", name + "pk", "KeyType", "HASH"),
                Map.of("AttributeName", name + "sk", "KeyType", "RANGE")), "Projection", Map.of("ProjectionType", "ALL"));
    }

    @Test
    void flinkApplicationRestoresFromSnapshotsAndCheckpoints() {
        template.hasResourceProperties("AWS::KinesisAnalyticsV2::Application", Map.of(
                "RuntimeEnvironment", "FLINK-1_20",
                "ApplicationConfiguration", Match.objectLike(Map.of(
                        "ApplicationSnapshotConfiguration", Map.of("SnapshotsEnabled", true),
                        "FlinkApplicationConfiguration", Match.objectLike(Map.of(
                                "CheckpointConfiguration", Match.objectLike(Map.of("CheckpointingEnabled", true,
                                        "ConfigurationType", "CUSTOM")),
                                "ParallelismConfiguration", Match.objectLike(Map.of(
                                        "Parallelism", Map.of("Ref", "Parallelism"))))),
                        "ApplicationCodeConfiguration", Match.objectLike(Map.of("CodeContent", Map.of(
                                "S3ContentLocation", Match.objectLike(Map.of("FileKey", Map.of("Ref", "JobJarKey"))))))))
                ,
                "RunConfiguration", Match.objectLike(Map.of("ApplicationRestoreConfiguration",
                        Map.of("ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT")))));
        template.hasParameter("ApplicationName", Map.of("Default", "des-enrichment"));
    }

    @Test
    void parallelismIsBoundedByTheJobsMaximumParallelism() {
        template.hasParameter("Parallelism", Map.of("Type", "Number", "MinValue", 1, "MaxValue", 128));
    }

    @Test
    void flinkApplicationHasTheFivePropertyGroupsTheJobReads() {
        Map<String, Object> app = properties("AWS::KinesisAnalyticsV2::Application");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                app.get("ApplicationConfiguration")).get("EnvironmentProperties")).get("PropertyGroups");
        assertEquals(List.of("DesSource", "DesSink", "DesJob", "DesRegistry", "DesEnrich"),
                groups.stream().map(g -> g.get("PropertyGroupId")).toList());
        String all = groups.toString();
        for (String key : List.of("stream.name", "root.uri", "catalog=glue", "glue.database", "glue.table",
                "publish-timeout", "erid-expiry", "type=dynamodb", "dynamodb.table", "provider.endpoint", "async.capacity")) {
            assertTrue(all.contains(key), key + " missing from " + all);
        }
    }

    @Test
    void apiIsTheLambdaAdapterBehindAnHttpApiWithPayloadFormat2() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "io.des.api.ApiGatewayLambda::handleRequest",
                "Runtime", "java17",
                "Code", Map.of("S3Bucket", Map.of("Ref", "ArtifactBucket"), "S3Key", Map.of("Ref", "ApiJarKey")),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DES_KINESIS_STREAM", Map.of("Ref", "StreamName"),
                        "DES_TENANTS_SECRET", Map.of("Ref", "TenantsSecretName"),
                        "DES_REGISTRY_TABLE", Map.of("Ref", logicalId("AWS::DynamoDB::Table")),
                        "DES_STORAGE_ROOT", Match.anyValue())))));
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of("IntegrationType", "AWS_PROXY",
                "PayloadFormatVersion", "2.0"));
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", "$default"));
    }

    @Test
    void aScheduledFunctionRunsTheLifecycleOncePassAtATimeWithTheApisConfiguration() {
        String function = logicalIdOf("AWS::Lambda::Function", LifecycleFunction.HANDLER);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", LifecycleFunction.HANDLER,
                "ReservedConcurrentExecutions", 1,
                "Code", Map.of("S3Bucket", Map.of("Ref", "ArtifactBucket"), "S3Key", Map.of("Ref", "ApiJarKey")),
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "DES_TENANTS_SECRET", Map.of("Ref", "TenantsSecretName"),
                        "DES_REGISTRY_TABLE", Map.of("Ref", logicalId("AWS::DynamoDB::Table")),
                        "DES_ERID_EXPIRY", Map.of("Ref", "EridExpiry"))))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "ScheduleExpression", "rate(1 minute)",
                "State", "ENABLED",
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(function, "Arn")))))));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction", "Principal", "events.amazonaws.com",
                "FunctionName", Map.of("Fn::GetAtt", List.of(function, "Arn"))));
    }

    @Test
    void theLifecycleMayDeleteOnlyIncompletePartitionsAndReadsNoData() {
        String statements = template.findResources("AWS::IAM::Policy").values().stream()
                .filter(policy -> policy.toString().contains("Lifecycle"))
                .map(Object::toString).collect(Collectors.joining("\n"));
        assertTrue(statements.contains("s3:DeleteObject"), statements);
        assertTrue(statements.contains("/enriched_data/*_incomplete/*"), "deletes are scoped to _incomplete partitions: " + statements);
        assertFalse(statements.contains("s3:GetObject") || statements.contains("s3:PutObject") || statements.contains("kinesis:"),
                "the lifecycle neither reads rows nor writes records: " + statements);
    }

    @Test
    void noAllowStatementGrantsEveryActionOfADataService() {
        Set<String> dataServices = Set.of("s3", "kinesis", "dynamodb", "glue", "secretsmanager", "kms", "logs");
        List<String> offending = new ArrayList<>();
        for (Map<String, Object> statement : allowStatements()) {
            for (String action : actions(statement)) {
                String service = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
                if (action.equals("*") || (dataServices.contains(service) && action.endsWith(":*"))) {
                    offending.add(action + " in " + statement);
                }
            }
        }
        assertEquals(List.of(), offending);
        assertTrue(allowStatements().size() >= 15, "the stack's policies were not found");
    }

    @Test
    void everyAllowStatementOnDataNamesItsResources() {
        List<String> unscoped = allowStatements().stream()
                .filter(s -> "*".equals(s.get("Resource")) || List.of("*").equals(s.get("Resource")))
                .map(Object::toString).toList();
        assertEquals(List.of(), unscoped);
    }

    @Test
    void rolesCarryOnlyTheStacksOwnStatementsNoManagedPolicies() {
        template.resourceCountIs("AWS::IAM::Role", 3);
        for (Map<String, Object> role : template.findResources("AWS::IAM::Role").values()) {
            assertFalse(role.toString().contains("ManagedPolicyArns"), role.toString());
        }
    }

    @Test
    void alarmsCoverTheJobTheProvidersAndTheApi() {
        Set<String> alarmed = template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(Object::toString).collect(Collectors.joining("\n")).lines().collect(Collectors.toSet());
        String all = String.join("\n", alarmed);
        for (String metric : List.of("downtime", "numRestarts", "fullRestarts", "numberOfFailedCheckpoints", "millisBehindLatest",
                "recordsDeadLettered", "providerErrors", "providerCalls", "5xx", "webhookFailures", "Errors")) {
            assertTrue(all.contains("MetricName=" + metric), "no alarm on " + metric);
        }
        template.resourceCountIs("AWS::CloudWatch::Alarm", 9);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmActions", List.of(Map.of("Ref", logicalId("AWS::SNS::Topic")))));
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    }

    @Test
    void deadLetterAlarmFiresOnAnyIncreaseOfTheCounter() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Threshold", 0, "ComparisonOperator", "GreaterThanThreshold",
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression", "DIFF(totalrecordsDeadLettered)")))))));
    }

    @Test
    void webhookFailuresAreCountedFromTheDispatchersGaveUpLines() {
        template.hasResourceProperties("AWS::Logs::MetricFilter", Map.of(
                "FilterPattern", "\"Webhook\" \"gave up\"",
                "MetricTransformations", List.of(Map.of("MetricName", "webhookFailures",
                        "MetricNamespace", Monitoring.API_NAMESPACE, "MetricValue", "1"))));
    }

    private static List<Map<String, Object>> allowStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (String type : List.of("AWS::IAM::Policy", "AWS::S3::BucketPolicy", "AWS::KMS::Key")) {
            for (Map<String, Object> resource : template.findResources(type).values()) {
                statements.addAll(statementsOf(resource, type));
            }
        }
        return statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statementsOf(Map<String, Object> resource, String type) {
        Map<String, Object> props = (Map<String, Object>) resource.get("Properties");
        Map<String, Object> document = (Map<String, Object>) props.get(type.equals("AWS::KMS::Key") ? "KeyPolicy" : "PolicyDocument");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) document.get("Statement");
        if (!type.equals("AWS::KMS::Key")) {
            return statements;
        }
        // The key policy's one statement gives the account (not a principal of DES) administration of
        // the key, so that IAM policies decide who may use it: CDK's default, needed to keep the key manageable.
        return statements.stream().filter(s -> !isAccountRootAdministration(s)).toList();
    }

    private static boolean isAccountRootAdministration(Map<String, Object> statement) {
        return "kms:*".equals(statement.get("Action")) && statement.toString().contains(":root");
    }

    @SuppressWarnings("unchecked")
    private static List<String> actions(Map<String, Object> statement) {
        Object action = statement.get("Action");
        return action instanceof List ? (List<String>) action : List.of((String) action);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String type) {
        return (Map<String, Object>) template.findResources(type).values().iterator().next().get("Properties");
    }

    private static String logicalIdOf(String type, String handler) {
        List<String> found = template.findResources(type).entrySet().stream()
                .filter(resource -> resource.getValue().toString().contains("Handler=" + handler))
                .map(Map.Entry::getKey).toList();
        assertEquals(1, found.size(), handler);
        return found.get(0);
    }

    private static String logicalId(String type) {
        Map<String, Map<String, Object>> found = template.findResources(type);
        assertEquals(1, found.size(), type);
        return found.keySet().iterator().next();
    }
}
