package io.des.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The bucket of the enriched data and the dead letters ({@code docs/architecture.md}, "On S3"):
 * SSE-KMS with a customer key (rotated yearly), public access blocked, TLS enforced by the bucket
 * policy, and a lifecycle rule aborting multipart uploads left open under the storage root.
 *
 * <p>The rule's age is {@link #DEFAULT_ABORT_UPLOADS_AFTER_DAYS} days unless the context value
 * {@code abortIncompleteUploadsAfterDays} says otherwise. It must exceed the longest the job may
 * stay down before it restores: files closed for commit in the checkpoint it restores from are still
 * open uploads, and one the rule aborted cannot be committed (the commit fails, and the job with it).
 * Both bucket and key are retained when the stack is deleted: they hold the data.
 */
final class DataBucket extends Construct {

    static final int DEFAULT_ABORT_UPLOADS_AFTER_DAYS = 7;

    final Key key;
    final Bucket bucket;
    private final String prefix;

    DataBucket(Construct scope, String id, DesParameters parameters, int abortUploadsAfterDays) {
        super(scope, id);
        prefix = parameters.storagePrefix.getValueAsString();
        key = Key.Builder.create(this, "Key")
                .description("DES enriched data and dead letters")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        bucket = Bucket.Builder.create(this, "Bucket")
                .bucketName(parameters.bucketName.getValueAsString())
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("des-abort-incomplete-multipart-uploads")
                        .prefix(prefix + "/")
                        .abortIncompleteMultipartUploadAfter(Duration.days(abortUploadsAfterDays))
                        .build()))
                .build();
    }

    /** The ARN of every object under {@code <prefix>/<under>/}, e.g. {@code enriched_data}. */
    String objectsArn(String under) {
        return Fn.join("", List.of(bucket.getBucketArn(), "/", prefix, "/", under, "/*"));
    }

    /** The ARN of every object under the storage root. */
    String rootObjectsArn() {
        return Fn.join("", List.of(bucket.getBucketArn(), "/", prefix, "/*"));
    }

    /** {@code s3:ListBucket} on this bucket for keys under the storage root only (and the root itself). */
    PolicyStatement listingUnderRoot() {
        return Statements.allow(List.of("s3:ListBucket"), List.of(bucket.getBucketArn()),
                Map.of("StringLike", Map.of("s3:prefix", List.of(prefix, prefix + "/*"))));
    }
}
