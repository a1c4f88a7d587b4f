package io.des.infra;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kinesis.CfnStream;
import software.constructs.Construct;

/**
 * The Kinesis stream the API writes records to and the job reads: on-demand by default, or a fixed
 * number of shards ({@code StreamMode=PROVISIONED}, {@code ShardCount}). Encrypted with the
 * AWS-managed Kinesis key, so neither the API nor the job needs a KMS grant for it.
 */
final class RecordStream extends Construct {

    final CfnStream stream;

    RecordStream(Construct scope, String id, DesParameters parameters) {
        super(scope, id);
        stream = CfnStream.Builder.create(this, "Stream")
                .name(parameters.streamName.getValueAsString())
                .streamModeDetails(CfnStream.StreamModeDetailsProperty.builder()
                        .streamMode(parameters.streamMode.getValueAsString()).build())
                .shardCount(Token.asNumber(Fn.conditionIf(parameters.provisionedStream.getLogicalId(),
                        parameters.shardCount.getValueAsNumber(), Aws.NO_VALUE)))
                .retentionPeriodHours(24)
                .streamEncryption(CfnStream.StreamEncryptionProperty.builder()
                        .encryptionType("KMS").keyId("alias/aws/kinesis").build())
                .build();
    }

    String arn() {
        return stream.getAttrArn();
    }
}
