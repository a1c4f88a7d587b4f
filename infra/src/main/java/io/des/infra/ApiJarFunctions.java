package io.des.infra;

import static io.des.infra.Statements.allow;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * What the stack's functions share: Java 17 code from the API jar, a log group of their own kept a
 * month, and a role of their own that may write only to it (rather than the managed
 * basic-execution policy, whose log rights cover every group). Each function adds its own rights.
 */
final class ApiJarFunctions {

    private ApiJarFunctions() {}

    static LogGroup logGroup(Construct scope) {
        return LogGroup.Builder.create(scope, "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
    }

    /** A builder with the role, log group, runtime and code set; {@code handler} is a class of the API jar. */
    static Function.Builder builder(Construct scope, DesParameters parameters, String handler, String description,
            LogGroup logGroup) {
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description(description)
                .build();
        role.addToPolicy(allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), List.of(logGroup.getLogGroupArn())));
        return Function.Builder.create(scope, "Function")
                .role(role)
                .description(description)
                .runtime(Runtime.JAVA_17)
                .architecture(Architecture.X86_64)
                .handler(handler)
                .code(Code.fromBucket(Bucket.fromBucketName(scope, "Artifacts", parameters.artifactBucket.getValueAsString()),
                        parameters.apiJarKey.getValueAsString()))
                .logGroup(logGroup);
    }
}
