package io.des.registry;

import static io.des.registry.DynamoDbCalls.call;
import static io.des.registry.DynamoDbCalls.conditional;
import static io.des.registry.DynamoDbEridItems.COMMITTED;
import static io.des.registry.DynamoDbEridItems.COMPLETED_AT;
import static io.des.registry.DynamoDbEridItems.EXPIRED_AT;
import static io.des.registry.DynamoDbEridItems.FIELD_COUNTS;
import static io.des.registry.DynamoDbEridItems.LAST_RECORD_AT;
import static io.des.registry.DynamoDbEridItems.LIFECYCLE;
import static io.des.registry.DynamoDbEridItems.RECEIVED;
import static io.des.registry.DynamoDbRegistryTable.GSI1;
import static io.des.registry.DynamoDbRegistryTable.GSI1_PK;
import static io.des.registry.DynamoDbRegistryTable.GSI1_SK;
import static io.des.registry.DynamoDbRegistryTable.GSI2_PK;
import static io.des.registry.DynamoDbRegistryTable.GSI2_SK;
import static io.des.registry.DynamoDbRegistryTable.PK;
import static io.des.registry.DynamoDbRegistryTable.TTL;
import static io.des.registry.DynamoDbValues.instant;
import static io.des.registry.DynamoDbValues.n;
import static io.des.registry.DynamoDbValues.s;

import io.des.model.FieldCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The ERID registry in AWS: one DynamoDB table shared by the API and the job, laid out as {@link
 * DynamoDbRegistryTable} describes (ERIDs under {@code pk = T#<tenant>}, {@code sk = E#<erid>};
 * index {@code gsi1} lists a tenant's ERIDs by creation time; the sparse index {@code gsi2} holds
 * RECEIVING ERIDs by last activity for the expiry sweep). Every write is conditional, so
 * concurrent callers and replays are decided by DynamoDB:
 *
 * <ul>
 *   <li>{@code register}: {@code PutItem} if {@code attribute_not_exists(pk)}; when that fails, a
 *       consistent {@code GetItem} returns the contract in force;
 *   <li>{@code recordCommitted}: {@code SET committed = :n} if {@code committed < :n} (a failed
 *       condition is a replay, swallowed); {@code recordReceived} likewise on {@code received}, which
 *       items written before it existed lack;
 *   <li>transitions: if {@code lifecycle IN (the states allowed to move)}, which also removes the
 *       ERID from {@code gsi2} and sets {@code ttl} ({@code at} plus the retention, 90 days by
 *       default) so DynamoDB deletes it later. TTL is enabled by the infrastructure, not here.
 * </ul>
 *
 * Reads of single ERIDs are strongly consistent; {@code list} and {@code idleSince} read indexes,
 * which DynamoDB updates within a second or so of a write. The registry owns {@code client} and
 * closes it.
 */
public final class DynamoDbEridRegistry implements EridRegistry {

    private static final List<EridLifecycle> COMPLETABLE = TransitionSources.into(EridLifecycle.COMPLETED);
    private static final List<EridLifecycle> EXPIRABLE = TransitionSources.into(EridLifecycle.EXPIRED);
    /** Index items read per request while paging a list. */
    private static final int LIST_READ_BATCH = 200;

    private final DynamoDbClient client;
    private final String table;
    private final Duration retention;
    private final DynamoDbDeliveryOutbox outbox;

    public DynamoDbEridRegistry(DynamoDbClient client, String tableName) {
        this(client, tableName, DynamoDbRegistryTable.DEFAULT_RETENTION);
    }

    /** @param retention how long a completed or expired ERID, or a finished delivery, is kept before TTL deletes it */
    public DynamoDbEridRegistry(DynamoDbClient client, String tableName, Duration retention) {
        this.client = client;
        this.table = tableName;
        this.retention = retention;
        this.outbox = new DynamoDbDeliveryOutbox(client, tableName, retention);
    }

    /** Creates the registry's table with its indexes and waits until it is active (tests and local tooling). */
    public static void createTable(DynamoDbClient client, String tableName) {
        DynamoDbRegistryTable.create(client, tableName);
    }

    @Override
    public Registration register(EridContract proposed) {
        Map<String, AttributeValue> item = DynamoDbEridItems.newItem(proposed);
        boolean created = conditional("register an ERID", () -> client.putItem(put -> put.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PK))));
        if (created) {
            return new Registration(DynamoDbEridItems.entry(item), true);
        }
        EridEntry stored = get(proposed.tenant(), proposed.erid()).orElseThrow(() -> new IllegalStateException(
                "ERID " + proposed.erid() + " of " + proposed.tenant() + " exists but cannot be read"));
        return new Registration(stored, false);
    }

    @Override
    public Optional<EridEntry> get(String tenant, String erid) {
        GetItemResponse response = call("read an ERID", () -> client.getItem(read -> read.tableName(table)
                .key(DynamoDbEridItems.key(tenant, erid)).consistentRead(true)));
        return response.hasItem() ? Optional.of(DynamoDbEridItems.entry(response.item())) : Optional.empty();
    }

    /** Moves the expiry clock forward only: a late, older activity from a slower API instance changes nothing. */
    @Override
    public void recordActivity(String tenant, String erid, Instant at) {
        updateIf("record activity", tenant, erid, "SET #last = :at, #idle = :idle", "#lifecycle = :receiving AND #last < :at",
                Map.of("#last", LAST_RECORD_AT, "#idle", GSI2_SK, "#lifecycle", LIFECYCLE),
                Map.of(":at", instant(at), ":idle", s(DynamoDbRegistryTable.idleSk(at, tenant, erid)),
                        ":receiving", s(EridLifecycle.RECEIVING.name())));
    }

    @Override
    public void recordCommitted(String tenant, String erid, long committed) {
        updateIf("record the committed count", tenant, erid, "SET #committed = :n", "#committed < :n",
                Map.of("#committed", COMMITTED), Map.of(":n", n(committed)));
    }

    @Override
    public void recordReceived(String tenant, String erid, long received) {
        updateIf("record the received count", tenant, erid, "SET #received = :n",
                "attribute_exists(#pk) AND (attribute_not_exists(#received) OR #received < :n)",
                Map.of("#received", RECEIVED, "#pk", PK), Map.of(":n", n(received)));
    }

    @Override
    public boolean markCompleted(String tenant, String erid, Instant at, Map<String, FieldCounts> fieldCounts) {
        return finish(tenant, erid, EridLifecycle.COMPLETED, COMPLETABLE, COMPLETED_AT, at,
                Map.of(FIELD_COUNTS, s(RegistryJson.fieldCounts(fieldCounts))));
    }

    @Override
    public boolean markExpired(String tenant, String erid, Instant at) {
        return finish(tenant, erid, EridLifecycle.EXPIRED, EXPIRABLE, EXPIRED_AT, at, Map.of());
    }

    /**
     * Moves to a final state if the ERID is in one of {@code from}: stamps {@code timeAttribute},
     * sets {@code alsoSet} and the TTL, and leaves the idle index (REMOVE of its keys).
     */
    private boolean finish(String tenant, String erid, EridLifecycle to, List<EridLifecycle> from, String timeAttribute,
            Instant at, Map<String, AttributeValue> alsoSet) {
        Map<String, String> names = new HashMap<>(Map.of("#lifecycle", LIFECYCLE, "#at", timeAttribute, "#ttl", TTL,
                "#idlePk", GSI2_PK, "#idleSk", GSI2_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":at", instant(at),
                ":ttl", n(DynamoDbRegistryTable.ttl(at, retention))));
        StringBuilder set = new StringBuilder("SET #lifecycle = :to, #at = :at, #ttl = :ttl");
        alsoSet.forEach((attribute, value) -> {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, value);
            set.append(", #").append(attribute).append(" = :").append(attribute);
        });
        String condition = "#lifecycle IN " + DynamoDbValues.stateIn(from, values);
        return updateIf("move an ERID to " + to, tenant, erid, set + " REMOVE #idlePk, #idleSk", condition, names, values);
    }

    private boolean updateIf(String what, String tenant, String erid, String update, String condition,
            Map<String, String> names, Map<String, AttributeValue> values) {
        return DynamoDbCalls.updateIf(client, table, DynamoDbEridItems.key(tenant, erid), what, update, condition, names, values);
    }

    @Override
    public List<EridEntry> idleSince(Instant cutoff, int limit) {
        return DynamoDbClockIndex.earliest(client, table, DynamoDbRegistryTable.IDLE, SortableInstants.format(cutoff), limit,
                DynamoDbEridItems::entry);
    }

    /**
     * Reads the tenant's partition of {@code gsi1} newest first and skips to the page: DynamoDB has
     * no offset, so page n costs the reads of the pages before it. The lifecycle is a filter, which
     * DynamoDB applies after reading.
     */
    @Override
    public List<EridEntry> list(String tenant, Optional<EridLifecycle> lifecycle, LocalDate from, LocalDate to,
            int page, int pageSize) {
        return ListWindow.of(from, to, page, pageSize).map(window -> list(tenant, lifecycle, window)).orElse(List.of());
    }

    private List<EridEntry> list(String tenant, Optional<EridLifecycle> lifecycle, ListWindow window) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", GSI1_PK, "#sk", GSI1_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":owner", s(DynamoDbRegistryTable.eridPk(tenant)),
                ":from", s(window.createdFrom()), ":before", s(window.createdBefore())));
        // BETWEEN is inclusive, yet an ERID created at exactly :before has the key ":before#<erid>",
        // which sorts after :before: it is left out, as the day after `to` must be.
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(GSI1)
                .keyConditionExpression("#pk = :owner AND #sk BETWEEN :from AND :before")
                .scanIndexForward(false)
                .limit(LIST_READ_BATCH);
        lifecycle.ifPresent(only -> {
            names.put("#lifecycle", LIFECYCLE);
            values.put(":only", s(only.name()));
            query.filterExpression("#lifecycle = :only");
        });
        QueryRequest request = query.expressionAttributeNames(names).expressionAttributeValues(values).build();
        return call("list ERIDs", () -> client.queryPaginator(request).items().stream()
                .skip(window.skip()).limit(window.size()).map(DynamoDbEridItems::entry).toList());
    }

    @Override
    public DeliveryOutbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        client.close();
    }
}
