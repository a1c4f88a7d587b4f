package io.des.registry;

import static io.des.registry.RegistryContract.ACME;
import static io.des.registry.RegistryContract.T0;
import static io.des.registry.RegistryContract.contract;
import static io.des.registry.RegistryContract.erid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.des.it.Dynalite;
import io.des.registry.WebhookDelivery.DeliveryAttempt;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The registry contract on DynamoDB (dynalite): one emulator for the class, a fresh table per test,
 * each registry with its own client as each process has in AWS; plus the item layout the indexes
 * and TTL depend on, and a restart of the store.
 */
class DynamoDbEridRegistryIT {

    private static final AtomicInteger TABLES = new AtomicInteger();

    @TempDir
    static Path logs;

    static Dynalite dynalite;

    /** This test's table, created on first use: each test gets a new instance, hence a new table. */
    private String table;

    @BeforeAll
    static void startDynalite() throws Exception {
        dynalite = Dynalite.start(null, logs.resolve("dynalite.log"));
    }

    @AfterAll
    static void stopDynalite() {
        if (dynalite != null) {
            dynalite.close();
        }
    }

    synchronized EridRegistry open() {
        DynamoDbClient client = dynalite.client();
        if (table == null) {
            table = "registry-" + TABLES.incrementAndGet();
            DynamoDbEridRegistry.createTable(client, table);
        }
        return new DynamoDbEridRegistry(client, table);
    }

    @Test
    void anEridItemIsKeyedByTenantAndListedByCreationAndIdleOnlyWhileReceiving() {
        try (EridRegistry registry = open(); DynamoDbClient raw = dynalite.client()) {
            registry.register(contract(ACME, erid(1)));
            Map<String, AttributeValue> receiving = item(raw, "T#acme", "E#" + erid(1));
            assertEquals("T#acme", receiving.get("gsi1pk").s());
            assertEquals("2026-11-30T10:00:00.123456789Z#" + erid(1), receiving.get("gsi1sk").s());
            assertEquals("IDLE", receiving.get("gsi2pk").s());
            assertEquals("2026-11-30T10:00:00.123456789Z#acme#" + erid(1), receiving.get("gsi2sk").s());
            assertFalse(receiving.containsKey("ttl"), "a RECEIVING ERID must not expire from the table");

            Instant completedAt = T0.plusSeconds(60);
            registry.markCompleted(ACME, erid(1), completedAt, Map.of());
            Map<String, AttributeValue> completed = item(raw, "T#acme", "E#" + erid(1));
            assertFalse(completed.containsKey("gsi2pk") || completed.containsKey("gsi2sk"), "a finished ERID leaves the idle index");
            assertEquals(completedAt.plus(Duration.ofDays(90)).getEpochSecond(), Long.parseLong(completed.get("ttl").n()));
            assertEquals("T#acme", completed.get("gsi1pk").s());
        }
    }

    @Test
    void aDeliveryItemIsKeyedByItsEventAndLeavesTheDueIndexWhenFinished() {
        try (EridRegistry registry = open(); DynamoDbClient raw = dynalite.client()) {
            registry.outbox().enqueue(DeliveryOutboxContractTest.pending("evt-1", ACME, erid(1), T0));
            Map<String, AttributeValue> pending = item(raw, "W#evt-1", "DELIVERY");
            assertEquals("W#acme#" + erid(1), pending.get("gsi1pk").s());
            assertEquals("DUE", pending.get("gsi2pk").s());
            assertEquals("2026-11-30T10:00:00.123456789Z#evt-1", pending.get("gsi2sk").s());

            Instant deliveredAt = T0.plusSeconds(5);
            registry.outbox().recordAttempt("evt-1", new DeliveryAttempt(deliveredAt, "200", true), DeliveryState.DELIVERED, null);
            Map<String, AttributeValue> delivered = item(raw, "W#evt-1", "DELIVERY");
            assertFalse(delivered.containsKey("gsi2pk") || delivered.containsKey("gsi2sk"), "a finished delivery is never due");
            assertEquals(deliveredAt.plus(Duration.ofDays(90)).getEpochSecond(), Long.parseLong(delivered.get("ttl").n()));
        }
    }

    @Test
    void theRegistrySurvivesARestartOfTheStore(@TempDir Path store) throws Exception {
        String storeTable = "restarted";
        EridEntry before;
        try (Dynalite first = Dynalite.start(store, logs.resolve("dynalite-restart.log"));
                EridRegistry registry = new DynamoDbEridRegistry(first.client(), storeTable)) {
            DynamoDbEridRegistry.createTable(first.client(), storeTable);
            registry.register(contract(ACME, erid(1), 10, T0));
            registry.recordCommitted(ACME, erid(1), 4);
            registry.outbox().enqueue(DeliveryOutboxContractTest.pending("evt-1", ACME, erid(1), T0));
            before = registry.get(ACME, erid(1)).orElseThrow();
        }
        try (Dynalite second = Dynalite.start(store, logs.resolve("dynalite-restart.log"));
                EridRegistry registry = new DynamoDbEridRegistry(second.client(), storeTable)) {
            assertEquals(Optional.of(before), registry.get(ACME, erid(1)));
            assertEquals(List.of("evt-1"), registry.outbox().due(T0, 10).stream().map(WebhookDelivery::eventId).toList());
            assertFalse(registry.register(contract(ACME, erid(1), 11, T0)).created());
        }
    }

    @Test
    void aStoreFailureIsARegistryStoreException() {
        try (EridRegistry registry = new DynamoDbEridRegistry(dynalite.client(), "no-such-table")) {
            assertThrows(RegistryStoreException.class, () -> registry.get(ACME, erid(1)));
            assertThrows(RegistryStoreException.class, () -> registry.register(contract(ACME, erid(1))));
        }
    }

    private Map<String, AttributeValue> item(DynamoDbClient raw, String pk, String sk) {
        return raw.getItem(get -> get.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }

    @Nested
    class Erids extends EridRegistryContractTest {
        @Override
        EridRegistry open() {
            return DynamoDbEridRegistryIT.this.open();
        }
    }

    @Nested
    class Listing extends EridListingContractTest {
        @Override
        EridRegistry open() {
            return DynamoDbEridRegistryIT.this.open();
        }
    }

    @Nested
    class Outbox extends DeliveryOutboxContractTest {
        @Override
        EridRegistry open() {
            return DynamoDbEridRegistryIT.this.open();
        }
    }
}
