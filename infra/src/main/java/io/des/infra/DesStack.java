package io.des.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * Everything DES needs in one AWS account and region, in the order data flows: the stream the API
 * writes, the bucket and catalog the job publishes to, the ERID registry both share, the job, the
 * API, the scheduled function that expires ERIDs and delivers webhooks, and what watches them.
 * Settings are CloudFormation parameters ({@link DesParameters}); two choices fixed at synthesis
 * are CDK context values: {@code abortIncompleteUploadsAfterDays} [7] and {@code
 * apiReservedConcurrency} [none].
 */
public final class DesStack extends Stack {

    public DesStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        DesParameters parameters = new DesParameters(this);
        RecordStream stream = new RecordStream(this, "Records", parameters);
        DataBucket bucket = new DataBucket(this, "Data", parameters, intContext("abortIncompleteUploadsAfterDays",
                DataBucket.DEFAULT_ABORT_UPLOADS_AFTER_DAYS));
        EnrichedDataCatalog catalog = new EnrichedDataCatalog(this, "Catalog", parameters);
        RegistryTable registry = new RegistryTable(this, "Registry", parameters);
        EnrichmentApplication.Resources resources = new EnrichmentApplication.Resources(stream, bucket, catalog, registry);
        EnrichmentApplication job = new EnrichmentApplication(this, "Job", parameters, resources);
        ApiFunction api = new ApiFunction(this, "Api", parameters, resources, intContext("apiReservedConcurrency", null));
        LifecycleFunction lifecycle = new LifecycleFunction(this, "Lifecycle", parameters, resources);
        Monitoring monitoring = new Monitoring(this, "Monitoring", parameters, api, lifecycle);

        output("JobApplicationName", job.application.getRef());
        output("ApiUrl", api.httpApi.getApiEndpoint());
        output("AlarmTopicArn", monitoring.topic.getTopicArn());
        output("JobLogGroup", job.logGroup.getLogGroupName());
        output("ApiLogGroup", api.logGroup.getLogGroupName());
        output("LifecycleLogGroup", lifecycle.logGroup.getLogGroupName());
    }

    private void output(String id, String value) {
        CfnOutput.Builder.create(this, id).value(value).build();
    }

    private Integer intContext(String key, Integer defaultValue) {
        Object value = getNode().tryGetContext(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.toString().trim());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("context " + key + " must be a positive whole number, got: " + value);
    }
}
