package io.des.infra;

import static io.des.infra.Statements.allow;

import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * What the job's role may do, and nothing more: named actions only, each on the one resource it
 * needs (the stream, objects under the storage root, the bucket's key, the Glue table, the registry
 * table, the jar, its log group). The lists follow {@code kda/README.md} and
 * {@code docs/architecture.md} ("On S3", "DynamoDB").
 */
final class JobPermissions {

    private final DesParameters parameters;
    private final EnrichmentApplication.Resources resources;
    private final LogGroup logGroup;

    JobPermissions(DesParameters parameters, EnrichmentApplication.Resources resources, LogGroup logGroup) {
        this.parameters = parameters;
        this.resources = resources;
        this.logGroup = logGroup;
    }

    void attachTo(Role role) {
        DataBucket bucket = resources.bucket();
        // The polling FlinkKinesisConsumer: shard discovery and reads.
        role.addToPolicy(allow(List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
                "kinesis:GetShardIterator", "kinesis:GetRecords"), List.of(resources.stream().arn())));
        // Parquet files, _SUCCESS, compaction's renames and deletes, dead letters; uploads the
        // publisher aborts under an ERID's _incomplete prefix.
        role.addToPolicy(allow(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts"), List.of(bucket.rootObjectsArn())));
        role.addToPolicy(bucket.listingUnderRoot());
        role.addToPolicy(allow(List.of("s3:ListBucketMultipartUploads"), List.of(bucket.bucket.getBucketArn())));
        role.addToPolicy(allow(List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(bucket.key.getKeyArn())));
        role.addToPolicy(allow(List.of("s3:GetObject", "s3:GetObjectVersion"), List.of(Fn.join("", List.of(
                "arn:", Aws.PARTITION, ":s3:::", parameters.artifactBucket.getValueAsString(), "/",
                parameters.jobJarKey.getValueAsString())))));
        role.addToPolicy(allow(List.of("glue:GetTable", "glue:CreatePartition"), glueArns()));
        role.addToPolicy(allow(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                List.of(resources.registry().table.getTableArn())));
        role.addToPolicy(allow(List.of("logs:DescribeLogGroups"), List.of(Fn.join("", List.of(
                "arn:", Aws.PARTITION, ":logs:", Aws.REGION, ":", Aws.ACCOUNT_ID, ":log-group:*")))));
        // A log group's Arn attribute ends in ":*"; streams are named after the group's name.
        role.addToPolicy(allow(List.of("logs:DescribeLogStreams", "logs:PutLogEvents"), List.of(Fn.join("", List.of(
                "arn:", Aws.PARTITION, ":logs:", Aws.REGION, ":", Aws.ACCOUNT_ID, ":log-group:",
                logGroup.getLogGroupName(), ":log-stream:*")))));
    }

    private List<String> glueArns() {
        String prefix = Fn.join("", List.of("arn:", Aws.PARTITION, ":glue:", Aws.REGION, ":", Aws.ACCOUNT_ID, ":"));
        String database = parameters.glueDatabase.getValueAsString();
        return List.of(
                Fn.join("", List.of(prefix, "catalog")),
                Fn.join("", List.of(prefix, "database/", database)),
                Fn.join("", List.of(prefix, "table/", database, "/", parameters.glueTable.getValueAsString())));
    }
}
