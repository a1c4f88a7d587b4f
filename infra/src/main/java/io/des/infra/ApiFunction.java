package io.des.infra;

import static io.des.infra.Statements.allow;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.PayloadFormatVersion;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The API as a Lambda function ({@code io.des.api.ApiGatewayLambda::handleRequest} from the API jar)
 * behind an API Gateway HTTP API whose {@code $default} route uses payload format 2.0, configured by
 * {@code ApiConfig}'s environment variables ({@code docs/architecture.md}, "Deploying the API").
 * The timeout is above the Kinesis publisher's retries (up to 20 s) and within API Gateway's 30 s;
 * reserved concurrency is the overload bound (context {@code apiReservedConcurrency}).
 *
 * <p>The Lambda adapter runs neither the expiry sweeper nor the webhook dispatcher (its instances
 * freeze between requests; {@link LifecycleFunction} does), so its role gets no delete or abort
 * rights on the bucket.
 */
final class ApiFunction extends Construct {

    static final String HANDLER = "io.des.api.ApiGatewayLambda::handleRequest";
    static final int TIMEOUT_SECONDS = 29;

    final Function function;
    final HttpApi httpApi;
    final LogGroup logGroup;

    ApiFunction(Construct scope, String id, DesParameters parameters, EnrichmentApplication.Resources resources,
            Integer reservedConcurrency) {
        super(scope, id);
        logGroup = ApiJarFunctions.logGroup(this);
        function = ApiJarFunctions.builder(this, parameters, HANDLER, "DES ingest and serving API", logGroup)
                .memorySize(2048)
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .reservedConcurrentExecutions(reservedConcurrency)
                .environment(environment(parameters, resources))
                .build();
        grant(parameters, resources);
        httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName("des-api")
                .description("DES API: every route goes to the Lambda adapter")
                .defaultIntegration(HttpLambdaIntegration.Builder.create("Lambda", function)
                        .payloadFormatVersion(PayloadFormatVersion.VERSION_2_0).build())
                .build();
    }

    /** {@code ApiConfig}'s environment variables, the same for the API and its lifecycle function. */
    static Map<String, String> environment(DesParameters parameters, EnrichmentApplication.Resources resources) {
        return Map.of(
                "DES_KINESIS_STREAM", parameters.streamName.getValueAsString(),
                "DES_STORAGE_ROOT", parameters.storageRootUri(),
                "DES_QUERY_ENGINE", "parquet",
                "DES_TENANTS_SECRET", parameters.tenantsSecretName.getValueAsString(),
                "DES_REGISTRY_TABLE", resources.registry().table.getTableName(),
                "DES_ERID_EXPIRY", parameters.eridExpiry.getValueAsString());
    }

    /** Secrets Manager appends six random characters to a secret's name in its ARN. */
    static String tenantsSecretArn(DesParameters parameters) {
        return Fn.join("", List.of("arn:", Aws.PARTITION, ":secretsmanager:", Aws.REGION, ":", Aws.ACCOUNT_ID, ":secret:",
                parameters.tenantsSecretName.getValueAsString(), "-??????"));
    }

    private void grant(DesParameters parameters, EnrichmentApplication.Resources resources) {
        DataBucket bucket = resources.bucket();
        function.addToRolePolicy(allow(List.of("kinesis:PutRecords"), List.of(resources.stream().arn())));
        function.addToRolePolicy(allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:Query"), resources.registry().arnsWithIndexes()));
        // Serving reads published partitions only; ListBucket makes a missing _SUCCESS a 404, not a 403.
        function.addToRolePolicy(allow(List.of("s3:GetObject"), List.of(bucket.objectsArn("enriched_data"))));
        function.addToRolePolicy(bucket.listingUnderRoot());
        function.addToRolePolicy(allow(List.of("kms:Decrypt"), List.of(bucket.key.getKeyArn())));
        function.addToRolePolicy(allow(List.of("secretsmanager:GetSecretValue"), List.of(tenantsSecretArn(parameters))));
    }
}
