package io.des.infra;

import static io.des.infra.Statements.allow;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The ERID lifecycle in AWS ({@code io.des.api.LifecycleLambda::handleRequest} from the API jar): an
 * EventBridge rule invokes it every minute, and each invocation expires idle ERIDs, removes their
 * partial data and delivers the webhooks due. A reserved concurrency of 1 keeps passes from
 * overlapping; the timeout leaves a pass about 45 s (the function keeps 15 s back).
 *
 * <p>Its role may delete objects and abort uploads only under {@code _incomplete} partitions, and
 * never reads data: an ERID's published rows are out of its reach.
 */
final class LifecycleFunction extends Construct {

    static final String HANDLER = "io.des.api.LifecycleLambda::handleRequest";
    static final int TIMEOUT_SECONDS = 60;
    static final Duration PERIOD = Duration.minutes(1);

    final Function function;
    final LogGroup logGroup;

    LifecycleFunction(Construct scope, String id, DesParameters parameters, EnrichmentApplication.Resources resources) {
        super(scope, id);
        logGroup = ApiJarFunctions.logGroup(this);
        function = ApiJarFunctions.builder(this, parameters, HANDLER,
                        "DES ERID lifecycle: expires idle ERIDs, delivers webhooks", logGroup)
                .memorySize(1024)
                .timeout(Duration.seconds(TIMEOUT_SECONDS))
                .reservedConcurrentExecutions(1)
                .retryAttempts(0) // the next scheduled pass retries whatever this one left
                .environment(ApiFunction.environment(parameters, resources))
                .build();
        grant(parameters, resources);
        Rule.Builder.create(this, "Schedule")
                .description("One DES lifecycle pass a minute")
                .schedule(Schedule.rate(PERIOD))
                .targets(List.of(LambdaFunction.Builder.create(function).retryAttempts(0).build()))
                .build();
    }

    private void grant(DesParameters parameters, EnrichmentApplication.Resources resources) {
        DataBucket bucket = resources.bucket();
        function.addToRolePolicy(allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                "dynamodb:Query"), resources.registry().arnsWithIndexes()));
        String incompletePartitions = Fn.join("", List.of(bucket.objectsArn("enriched_data"), "_incomplete/*"));
        function.addToRolePolicy(allow(List.of("s3:DeleteObject", "s3:AbortMultipartUpload"), List.of(incompletePartitions)));
        function.addToRolePolicy(bucket.listingUnderRoot());
        function.addToRolePolicy(allow(List.of("s3:ListBucketMultipartUploads"), List.of(bucket.bucket.getBucketArn())));
        // The tenants' webhook secrets sign each delivery.
        function.addToRolePolicy(allow(List.of("secretsmanager:GetSecretValue"), List.of(ApiFunction.tenantsSecretArn(parameters))));
    }
}
