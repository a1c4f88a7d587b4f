package io.des.registry;

import static io.des.registry.RegistryContract.ACME;
import static io.des.registry.RegistryContract.T0;
import static io.des.registry.RegistryContract.contract;
import static io.des.registry.RegistryContract.erid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry contract on SQLite, one file per test, plus what only the SQLite store promises. */
class SqliteEridRegistryTest {

    @TempDir
    Path dataDir;

    EridRegistry open() {
        return new SqliteEridRegistry(dataDir.resolve("registry.db"));
    }

    @Test
    void theFileIsInWalModeAtTheLatestSchemaVersion() throws Exception {
        open().close();

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
                Statement statement = raw.createStatement()) {
            assertEquals("wal", scalar(statement, "PRAGMA journal_mode"));
            assertEquals(String.valueOf(SqliteSchema.latestVersion()), scalar(statement, "SELECT version FROM schema_version"));
        }
    }

    @Test
    void openingAgainKeepsOneSchemaVersionRow() throws Exception {
        open().close();
        open().close();

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
                Statement statement = raw.createStatement()) {
            assertEquals("1", scalar(statement, "SELECT count(*) FROM schema_version"));
        }
    }

    @Test
    void aFileOfTheFirstVersionIsMigratedAndKeepsItsErids() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
                Statement statement = raw.createStatement()) {
            for (String sql : SqliteSchema.MIGRATIONS.get(0)) {
                statement.execute(sql);
            }
            statement.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)");
            statement.execute("INSERT INTO schema_version (version) VALUES (1)");
            statement.execute("INSERT INTO erids (tenant, erid, number_of_records, fields_to_enrich, request_date, created_at,"
                    + " lifecycle, committed, last_record_at, field_counts) VALUES ('acme', '" + erid(1) + "', 10,"
                    + " '[\"job_title\"]', '2026-11-30', '" + SortableInstants.format(T0) + "', 'RECEIVING', 4, '"
                    + SortableInstants.format(T0) + "', '{}')");
        }

        try (EridRegistry registry = open()) {
            EridEntry entry = registry.get(ACME, erid(1)).orElseThrow();
            assertEquals(4, entry.recordsCommitted());
            assertEquals(0, entry.recordsReceived(), "not reported yet");
            registry.recordReceived(ACME, erid(1), 7);
            assertEquals(7, registry.get(ACME, erid(1)).orElseThrow().recordsReceived());
        }
    }

    @Test
    void aFileFromANewerDesIsRefused() throws Exception {
        open().close();
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("registry.db"));
                Statement statement = raw.createStatement()) {
            statement.execute("UPDATE schema_version SET version = version + 1");
        }

        IllegalStateException refused = assertThrows(IllegalStateException.class, this::open);
        assertTrue(refused.getMessage().contains("newer than this DES knows"), refused.getMessage());
    }

    /** The API and the job hold a connection each: their writes wait for each other instead of failing. */
    @Test
    void twoConnectionsWriteTheSameFileAtOnce() throws Exception {
        int eridsEach = 150;
        try (EridRegistry api = open(); EridRegistry job = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> posts = pool.submit(() -> {
                    for (int i = 0; i < eridsEach; i++) {
                        api.register(contract(ACME, erid(i)));
                        api.recordActivity(ACME, erid(i), T0.plusSeconds(i));
                    }
                });
                Future<?> commits = pool.submit(() -> {
                    for (int i = 0; i < eridsEach; i++) {
                        job.register(contract(ACME, erid(eridsEach + i)));
                        job.recordCommitted(ACME, erid(eridsEach + i), 3);
                    }
                });
                posts.get();
                commits.get();
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < 2 * eridsEach; i++) {
                assertTrue(job.get(ACME, erid(i)).isPresent(), "ERID " + i);
            }
            assertEquals(3, api.get(ACME, erid(2 * eridsEach - 1)).orElseThrow().recordsCommitted());
        }
    }

    private static String scalar(Statement statement, String sql) throws Exception {
        try (ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    @Nested
    class Erids extends EridRegistryContractTest {
        @Override
        EridRegistry open() {
            return SqliteEridRegistryTest.this.open();
        }
    }

    @Nested
    class Listing extends EridListingContractTest {
        @Override
        EridRegistry open() {
            return SqliteEridRegistryTest.this.open();
        }
    }

    @Nested
    class Outbox extends DeliveryOutboxContractTest {
        @Override
        EridRegistry open() {
            return SqliteEridRegistryTest.this.open();
        }
    }
}
