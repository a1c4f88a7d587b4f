package io.des.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The ERID registry's DynamoDB table, as {@code docs/architecture.md} ("Table definition") and
 * {@code DynamoDbEridRegistry.createTable} define it: {@code pk}/{@code sk}, two overloaded indexes
 * projecting everything, TTL on {@code ttl} (enabled here because the application never does).
 * Retained when the stack is deleted, with point-in-time recovery: it is the source of every status.
 */
final class RegistryTable extends Construct {

    static final List<String> INDEXES = List.of("gsi1", "gsi2");

    final Table table;

    RegistryTable(Construct scope, String id, DesParameters parameters) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(parameters.registryTable.getValueAsString())
                .partitionKey(string("pk"))
                .sortKey(string("sk"))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute("ttl")
                .pointInTimeRecovery(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        for (String index : INDEXES) {
            table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                    .indexName(index)
                    .partitionKey(string(index + "pk"))
                    .sortKey(string(index + "sk"))
                    .projectionType(ProjectionType.ALL)
                    .build());
        }
    }

    /** The table's ARN and its indexes' ({@code Query} runs on the indexes). */
    List<String> arnsWithIndexes() {
        return List.of(table.getTableArn(), table.getTableArn() + "/index/*");
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
