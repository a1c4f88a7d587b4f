package io.des.registry;

import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * How the DynamoDB store classifies what its calls throw: a failed condition is an answer (the
 * write lost a race or was a replay), anything else from the SDK is a {@link
 * RegistryStoreException}. The SDK has already retried throttling and 5xx by then.
 */
final class DynamoDbCalls {

    private DynamoDbCalls() {}

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException(what + ": a condition failed where none was expected", e);
        } catch (SdkException e) {
            throw new RegistryStoreException("the ERID registry's DynamoDB table failed to " + what + ": " + e.getMessage(), e);
        }
    }

    /** Runs a conditional write; true when its condition held and it was made, false when it did not. */
    static boolean conditional(String what, Runnable write) {
        try {
            write.run();
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw new RegistryStoreException("the ERID registry's DynamoDB table failed to " + what + ": " + e.getMessage(), e);
        }
    }

    /** One conditional {@code UpdateItem}; true when its condition held and the update was made. */
    static boolean updateIf(DynamoDbClient client, String table, Map<String, AttributeValue> key, String what,
            String update, String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        return conditional(what, () -> client.updateItem(request -> request.tableName(table)
                .key(key)
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)));
    }
}
