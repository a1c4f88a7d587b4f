package io.des.registry;

import static io.des.registry.DynamoDbCalls.call;
import static io.des.registry.DynamoDbCalls.conditional;
import static io.des.registry.DynamoDbRegistryTable.GSI1;
import static io.des.registry.DynamoDbRegistryTable.GSI1_PK;
import static io.des.registry.DynamoDbRegistryTable.GSI2_PK;
import static io.des.registry.DynamoDbRegistryTable.GSI2_SK;
import static io.des.registry.DynamoDbRegistryTable.PK;
import static io.des.registry.DynamoDbRegistryTable.SK;
import static io.des.registry.DynamoDbRegistryTable.TTL;
import static io.des.registry.DynamoDbValues.instant;
import static io.des.registry.DynamoDbValues.n;
import static io.des.registry.DynamoDbValues.s;
import static io.des.registry.DynamoDbValues.string;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The webhook outbox in the registry's DynamoDB table: one item per event, {@code pk = W#<event
 * id>} (so {@code recordAttempt}, which knows only the event id, writes by key), listed per ERID
 * through {@code gsi1} ({@code W#<tenant>#<erid>}) and, while open, due through the sparse {@code
 * gsi2} ({@code DUE}, {@code <next_attempt_at>#<event id>}). An attempt is appended ({@code
 * list_append}) in the same conditional update that moves the state, so two dispatchers finishing
 * one delivery cannot both win; a finished delivery leaves {@code gsi2} and gets a {@code ttl}.
 */
final class DynamoDbDeliveryOutbox implements DeliveryOutbox {

    private static final String EVENT_ID = "event_id";
    private static final String TENANT = "tenant";
    private static final String ERID = "erid";
    private static final String TYPE = "type";
    private static final String URL = "url";
    private static final String PAYLOAD_JSON = "payload_json";
    private static final String CREATED_AT = "created_at";
    private static final String STATE = "state";
    private static final String NEXT_ATTEMPT_AT = "next_attempt_at";
    private static final String ATTEMPTS = "attempts";

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;

    DynamoDbDeliveryOutbox(DynamoDbClient client, String table, Duration retention) {
        this.client = client;
        this.table = table;
        this.retention = retention;
    }

    @Override
    public void enqueue(WebhookDelivery delivery) {
        Instant firstAttemptAt = DeliveryRules.firstAttemptAt(delivery);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(DynamoDbRegistryTable.deliveryPk(delivery.eventId())));
        item.put(SK, s(DynamoDbRegistryTable.DELIVERY_SK));
        item.put(GSI1_PK, s(DynamoDbRegistryTable.deliveriesOf(delivery.tenant(), delivery.erid())));
        item.put(DynamoDbRegistryTable.GSI1_SK, s(DynamoDbRegistryTable.createdSk(delivery.createdAt(), delivery.eventId())));
        item.put(GSI2_PK, s(DynamoDbRegistryTable.DUE));
        item.put(GSI2_SK, s(DynamoDbRegistryTable.dueSk(firstAttemptAt, delivery.eventId())));
        item.put(EVENT_ID, s(delivery.eventId()));
        item.put(TENANT, s(delivery.tenant()));
        item.put(ERID, s(delivery.erid()));
        item.put(TYPE, s(delivery.type()));
        item.put(URL, s(delivery.url()));
        item.put(PAYLOAD_JSON, s(delivery.payloadJson()));
        item.put(CREATED_AT, instant(delivery.createdAt()));
        item.put(STATE, s(DeliveryState.PENDING.name()));
        item.put(NEXT_ATTEMPT_AT, instant(firstAttemptAt));
        item.put(ATTEMPTS, AttributeValue.fromL(List.of()));
        conditional("enqueue a webhook delivery", () -> client.putItem(put -> put.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK))));
    }

    @Override
    public List<WebhookDelivery> due(Instant now, int limit) {
        return DynamoDbClockIndex.earliest(client, table, DynamoDbRegistryTable.DUE, DynamoDbRegistryTable.upTo(now), limit,
                DynamoDbDeliveryOutbox::delivery);
    }

    @Override
    public boolean recordAttempt(String eventId, WebhookDelivery.DeliveryAttempt attempt, DeliveryState next,
            Instant nextAttemptAt) {
        Instant dueAgain = DeliveryRules.nextAttemptAt(next, nextAttemptAt);
        Map<String, String> names = new HashMap<>(Map.of("#state", STATE, "#attempts", ATTEMPTS,
                "#next", NEXT_ATTEMPT_AT, "#dueSk", GSI2_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":state", s(next.name()),
                ":attempt", AttributeValue.fromL(List.of(attempt(attempt)))));
        String update;
        if (next.isOpen()) {
            values.put(":next", instant(dueAgain));
            values.put(":dueSk", s(DynamoDbRegistryTable.dueSk(dueAgain, eventId)));
            update = "SET #state = :state, #attempts = list_append(#attempts, :attempt), #next = :next, #dueSk = :dueSk";
        } else {
            names.put("#ttl", TTL);
            names.put("#duePk", GSI2_PK);
            values.put(":ttl", n(DynamoDbRegistryTable.ttl(attempt.at(), retention)));
            update = "SET #state = :state, #attempts = list_append(#attempts, :attempt), #ttl = :ttl"
                    + " REMOVE #next, #duePk, #dueSk";
        }
        String condition = "#state IN " + DynamoDbValues.stateIn(TransitionSources.into(next), values);
        Map<String, AttributeValue> key = Map.of(PK, s(DynamoDbRegistryTable.deliveryPk(eventId)), SK, s(DynamoDbRegistryTable.DELIVERY_SK));
        return DynamoDbCalls.updateIf(client, table, key, "record a webhook attempt", update, condition, names, values);
    }

    @Override
    public List<WebhookDelivery> forErid(String tenant, String erid) {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :owner")
                .expressionAttributeNames(Map.of("#pk", GSI1_PK))
                .expressionAttributeValues(Map.of(":owner", s(DynamoDbRegistryTable.deliveriesOf(tenant, erid))))
                .build();
        return call("list an ERID's webhook deliveries", () -> client.queryPaginator(query).items().stream()
                .map(DynamoDbDeliveryOutbox::delivery).toList());
    }

    private static AttributeValue attempt(WebhookDelivery.DeliveryAttempt attempt) {
        Map<String, AttributeValue> fields = new HashMap<>();
        fields.put("at", instant(attempt.at()));
        DynamoDbValues.putIfPresent(fields, "outcome", attempt.outcome());
        fields.put("succeeded", AttributeValue.fromBool(attempt.succeeded()));
        return AttributeValue.fromM(fields);
    }

    private static WebhookDelivery delivery(Map<String, AttributeValue> item) {
        List<WebhookDelivery.DeliveryAttempt> attempts = item.get(ATTEMPTS).l().stream()
                .map(AttributeValue::m)
                .map(fields -> new WebhookDelivery.DeliveryAttempt(DynamoDbValues.instant(fields, "at"),
                        string(fields, "outcome"), fields.get("succeeded").bool()))
                .toList();
        return new WebhookDelivery(string(item, EVENT_ID), string(item, TENANT), string(item, ERID), string(item, TYPE),
                string(item, URL), string(item, PAYLOAD_JSON), DynamoDbValues.instant(item, CREATED_AT),
                DeliveryState.valueOf(string(item, STATE)), DynamoDbValues.instant(item, NEXT_ATTEMPT_AT), attempts);
    }
}
