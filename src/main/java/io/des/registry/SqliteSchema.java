package io.des.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The registry's tables, created when a file is opened and migrated forward by version: the
 * {@code schema_version} table holds the version the file is at, and {@link #MIGRATIONS}{@code [v-1]}
 * takes a file from version {@code v-1} to {@code v}. A later change appends a migration; it never
 * edits one that has shipped.
 *
 * <p>Instants are {@link SortableInstants} text, so comparisons and indexes order them in time.
 * The partial indexes mirror DynamoDB's sparse indexes: only RECEIVING ERIDs can be idle, only
 * open deliveries can be due, so only those rows are indexed.
 */
final class SqliteSchema {

    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE IF NOT EXISTS erids (
              tenant            TEXT    NOT NULL,
              erid              TEXT    NOT NULL,
              number_of_records INTEGER NOT NULL,
              fields_to_enrich  TEXT    NOT NULL,
              request_date      TEXT    NOT NULL,
              created_at        TEXT    NOT NULL,
              callback_url      TEXT,
              metadata_json     TEXT,
              lifecycle         TEXT    NOT NULL,
              committed         INTEGER NOT NULL,
              last_record_at    TEXT    NOT NULL,
              completed_at      TEXT,
              expired_at        TEXT,
              field_counts      TEXT    NOT NULL,
              PRIMARY KEY (tenant, erid)
            )""",
            "CREATE INDEX IF NOT EXISTS erids_by_tenant_created ON erids (tenant, created_at, erid)",
            "CREATE INDEX IF NOT EXISTS erids_idle ON erids (last_record_at, tenant, erid) WHERE lifecycle = 'RECEIVING'",
            """
            CREATE TABLE IF NOT EXISTS deliveries (
              event_id        TEXT PRIMARY KEY,
              tenant          TEXT NOT NULL,
              erid            TEXT NOT NULL,
              type            TEXT NOT NULL,
              url             TEXT NOT NULL,
              payload_json    TEXT NOT NULL,
              created_at      TEXT NOT NULL,
              state           TEXT NOT NULL,
              next_attempt_at TEXT,
              attempts        TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS deliveries_by_erid ON deliveries (tenant, erid, created_at)",
            "CREATE INDEX IF NOT EXISTS deliveries_due ON deliveries (next_attempt_at, event_id) WHERE state IN ('PENDING', 'RETRYING')"),
            // 2: the records the job has taken in, for GET's records_waiting.
            List.of("ALTER TABLE erids ADD COLUMN received INTEGER NOT NULL DEFAULT 0"));

    private SqliteSchema() {}

    static int latestVersion() {
        return MIGRATIONS.size();
    }

    /** Runs inside the caller's transaction. Refuses a file written by a newer DES rather than guess at it. */
    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version = currentVersion(statement);
            if (version > latestVersion()) {
                throw new IllegalStateException("the ERID registry file is at schema version " + version
                        + ", newer than this DES knows (" + latestVersion() + "): run a newer DES");
            }
            for (int next = version + 1; next <= latestVersion(); next++) {
                for (String sql : MIGRATIONS.get(next - 1)) {
                    statement.execute(sql);
                }
            }
            if (version < latestVersion()) {
                statement.execute("DELETE FROM schema_version");
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
                    insert.setInt(1, latestVersion());
                    insert.executeUpdate();
                }
            }
        }
    }

    static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
