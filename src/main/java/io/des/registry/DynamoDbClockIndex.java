package io.des.registry;

import static io.des.registry.DynamoDbCalls.call;
import static io.des.registry.DynamoDbValues.s;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads of the sparse index {@code gsi2}, where items wait for a time: RECEIVING ERIDs under
 * {@code IDLE} (by last activity) and open deliveries under {@code DUE} (by next attempt). Only
 * items still waiting are in it, so a read touches nothing finished.
 */
final class DynamoDbClockIndex {

    private DynamoDbClockIndex() {}

    /** The first {@code limit} items of {@code partition} whose sort key is below {@code before}, earliest first. */
    static <T> List<T> earliest(DynamoDbClient client, String table, String partition, String before, int limit,
            Function<Map<String, AttributeValue>, T> read) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(DynamoDbRegistryTable.GSI2)
                .keyConditionExpression("#pk = :partition AND #sk < :before")
                .expressionAttributeNames(Map.of("#pk", DynamoDbRegistryTable.GSI2_PK, "#sk", DynamoDbRegistryTable.GSI2_SK))
                .expressionAttributeValues(Map.of(":partition", s(partition), ":before", s(before)))
                .limit(ListWindow.checkedLimit(limit))
                .build();
        return call("read " + partition + " items of " + table, () -> client.queryPaginator(query).items().stream()
                .limit(limit).map(read).toList());
    }
}
