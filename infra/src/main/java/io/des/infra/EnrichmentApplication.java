package io.des.infra;

import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The job as a Managed Service for Apache Flink application ({@code kda/create-application.json}
 * as a template): Flink 1.20, the shaded jar from the artifact bucket, checkpoints, snapshots on
 * (upgrades and rescaling restore from them), parallelism and autoscaling from parameters, the
 * five property groups of {@code kda/application-properties.json} filled from the other resources,
 * and its log stream. Updates made through the stack restore from the latest snapshot.
 */
final class EnrichmentApplication extends Construct {

    final CfnApplication application;
    final Role role;
    final LogGroup logGroup;

    EnrichmentApplication(Construct scope, String id, DesParameters parameters, Resources resources) {
        super(scope, id);
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com"))
                .description("DES enrichment job (Managed Flink)")
                .build();
        logGroup = LogGroup.Builder.create(this, "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        LogStream logStream = LogStream.Builder.create(this, "LogStream").logGroup(logGroup)
                .logStreamName("flink").removalPolicy(RemovalPolicy.DESTROY).build();
        new JobPermissions(parameters, resources, logGroup).attachTo(role);

        String artifactBucketArn = Fn.join("", List.of("arn:", Aws.PARTITION, ":s3:::",
                parameters.artifactBucket.getValueAsString()));
        application = CfnApplication.Builder.create(this, "Application")
                .applicationName(parameters.applicationName.getValueAsString())
                .applicationDescription("DES enrichment job")
                .runtimeEnvironment("FLINK-1_20")
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(artifactBucketArn)
                                                .fileKey(parameters.jobJarKey.getValueAsString())
                                                .build())
                                        .build())
                                .build())
                        .flinkApplicationConfiguration(flinkConfiguration(parameters))
                        .applicationSnapshotConfiguration(CfnApplication.ApplicationSnapshotConfigurationProperty.builder()
                                .snapshotsEnabled(true).build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(JobProperties.groups(parameters, resources)).build())
                        .build())
                .runConfiguration(CfnApplication.RunConfigurationProperty.builder()
                        .applicationRestoreConfiguration(CfnApplication.ApplicationRestoreConfigurationProperty.builder()
                                .applicationRestoreType("RESTORE_FROM_LATEST_SNAPSHOT").build())
                        .flinkRunConfiguration(CfnApplication.FlinkRunConfigurationProperty.builder()
                                .allowNonRestoredState(false).build())
                        .build())
                .build();
        application.getNode().addDependency(role);

        CfnApplicationCloudWatchLoggingOption.Builder.create(this, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn(logStreamArn(this, logGroup, logStream))
                        .build())
                .build();
    }

    private static CfnApplication.FlinkApplicationConfigurationProperty flinkConfiguration(DesParameters parameters) {
        return CfnApplication.FlinkApplicationConfigurationProperty.builder()
                .checkpointConfiguration(CfnApplication.CheckpointConfigurationProperty.builder()
                        .configurationType("CUSTOM")
                        .checkpointingEnabled(true)
                        .checkpointInterval(parameters.checkpointIntervalMs.getValueAsNumber())
                        .minPauseBetweenCheckpoints(2000)
                        .build())
                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                        .configurationType("CUSTOM")
                        .parallelism(parameters.parallelism.getValueAsNumber())
                        .parallelismPerKpu(parameters.parallelismPerKpu.getValueAsNumber())
                        .autoScalingEnabled(Fn.conditionIf(parameters.autoScalingEnabled.getLogicalId(), true, false))
                        .build())
                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                        .configurationType("CUSTOM")
                        .metricsLevel(parameters.metricsLevel.getValueAsString())
                        .logLevel("INFO")
                        .build())
                .build();
    }

    private static String logStreamArn(Construct scope, LogGroup group, LogStream stream) {
        return Stack.of(scope).formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(group.getLogGroupName() + ":log-stream:" + stream.getLogStreamName())
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    /** The other resources the job reads and writes. */
    record Resources(RecordStream stream, DataBucket bucket, EnrichedDataCatalog catalog, RegistryTable registry) {}
}
