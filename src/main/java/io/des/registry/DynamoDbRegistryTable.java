package io.des.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The registry's single DynamoDB table: its keys, its two overloaded global secondary indexes, and
 * how every key is spelt. The layout is explained in {@code docs/architecture.md} ("ERID
 * registry"); in short:
 *
 * <pre>
 * item              pk              sk          gsi1pk               gsi1sk                   gsi2pk  gsi2sk (sparse)
 * ERID              T#&lt;tenant&gt;     E#&lt;erid&gt;    T#&lt;tenant&gt;          &lt;created_at&gt;#&lt;erid&gt;     IDLE    &lt;last_record_at&gt;#&lt;tenant&gt;#&lt;erid&gt; (RECEIVING only)
 * webhook delivery  W#&lt;event id&gt;   DELIVERY    W#&lt;tenant&gt;#&lt;erid&gt;   &lt;created_at&gt;#&lt;event id&gt;  DUE     &lt;next_attempt_at&gt;#&lt;event id&gt; (open only)
 * </pre>
 *
 * Times in keys are {@link SortableInstants}, so key order is time order. Tenant ids cannot contain
 * {@code #} and ERIDs are UUIDs, so no two (tenant, erid) pairs spell the same key.
 */
final class DynamoDbRegistryTable {

    static final String PK = "pk";
    static final String SK = "sk";
    /** A tenant's ERIDs by creation time; an ERID's deliveries by creation time. */
    static final String GSI1 = "gsi1";
    static final String GSI1_PK = "gsi1pk";
    static final String GSI1_SK = "gsi1sk";
    /** Sparse: RECEIVING ERIDs by last activity (the expiry sweep), open deliveries by next attempt. */
    static final String GSI2 = "gsi2";
    static final String GSI2_PK = "gsi2pk";
    static final String GSI2_SK = "gsi2sk";
    /** Epoch seconds after which DynamoDB deletes the item; TTL is enabled on it by the infrastructure. */
    static final String TTL = "ttl";

    static final String IDLE = "IDLE";
    static final String DUE = "DUE";
    static final String DELIVERY_SK = "DELIVERY";

    /** How long finished ERIDs and deliveries stay readable before TTL removes them. */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    private DynamoDbRegistryTable() {}

    static String eridPk(String tenant) {
        return "T#" + tenant;
    }

    static String eridSk(String erid) {
        return "E#" + erid;
    }

    static String createdSk(Instant createdAt, String id) {
        return SortableInstants.format(createdAt) + "#" + id;
    }

    static String idleSk(Instant lastRecordAt, String tenant, String erid) {
        return SortableInstants.format(lastRecordAt) + "#" + tenant + "#" + erid;
    }

    static String deliveryPk(String eventId) {
        return "W#" + eventId;
    }

    static String deliveriesOf(String tenant, String erid) {
        return "W#" + tenant + "#" + erid;
    }

    static String dueSk(Instant nextAttemptAt, String eventId) {
        return SortableInstants.format(nextAttemptAt) + "#" + eventId;
    }

    /**
     * The first sort key after every key that starts with {@code instant}: {@code $} follows the
     * {@code #} separator, so {@code sk < upTo(t)} holds for the keys of every time up to t, t included.
     */
    static String upTo(Instant instant) {
        return SortableInstants.format(instant) + "$";
    }

    static long ttl(Instant finishedAt, Duration retention) {
        return finishedAt.plus(retention).getEpochSecond();
    }

    /**
     * Creates the table and its indexes (on demand capacity) and waits until it is ACTIVE. For tests
     * and local tooling; in AWS the infrastructure template creates the same table, with TTL on
     * {@value #TTL}.
     */
    static void create(DynamoDbClient client, String tableName) {
        client.createTable(CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Stream.of(PK, SK, GSI1_PK, GSI1_SK, GSI2_PK, GSI2_SK).map(name -> AttributeDefinition.builder()
                        .attributeName(name).attributeType(ScalarAttributeType.S).build()).toList())
                .keySchema(keys(PK, SK))
                .globalSecondaryIndexes(index(GSI1, GSI1_PK, GSI1_SK), index(GSI2, GSI2_PK, GSI2_SK))
                .build());
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client).overrideConfiguration(WaiterOverrideConfiguration.builder()
                .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(250)))
                .waitTimeout(Duration.ofMinutes(5))
                .build()).build()) {
            waiter.waitUntilTableExists(request -> request.tableName(tableName));
        }
    }

    /** Every index projects all attributes, so a read through it needs no GetItem per result. */
    private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(keys(partitionKey, sortKey))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static List<KeySchemaElement> keys(String partitionKey, String sortKey) {
        return List.of(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
                KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
    }
}
