package io.des.pipeline.load;

import io.des.pipeline.jdbc.SqlDialect;
import io.des.pipeline.window.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * A pipeline's committed watermark, kept in the destination database ({@code des_pipeline_state},
 * next to the destination table) and written in the same transaction as the run's rows: either
 * both are there or neither, so a crash at any point never leaves rows loaded with the watermark
 * behind them (loaded twice by the next run) or the watermark ahead of them (rows lost).
 */
public final class DestinationState {

    static final String TABLE = "des_pipeline_state";

    /** The last committed run of a pipeline in this destination. */
    public record Committed(long runNumber, String erid, Watermark watermark, Instant committedAt) {}

    private final SqlDialect dialect;
    private final String table;

    /** @param destinationTable the pipeline's table: the state table lives in the same schema */
    public DestinationState(SqlDialect dialect, String destinationTable) {
        this.dialect = dialect;
        int dot = destinationTable.indexOf('.');
        this.table = dialect.quote((dot < 0 ? "" : destinationTable.substring(0, dot + 1)) + TABLE);
    }

    void createIfAbsent(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (" + dialect.quote("pipeline") + " VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + dialect.quote("run_number") + " BIGINT NOT NULL, " + dialect.quote("erid") + " VARCHAR(36), "
                    + dialect.quote("watermark") + " VARCHAR(4000), " + dialect.quote("committed_at") + " " + dialect.timestampType()
                    + " NOT NULL)");
        }
    }

    private boolean exists(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The pipeline's last committed run here, if any (none when the state table does not exist yet). */
    public Optional<Committed> read(Connection connection, String pipeline) throws SQLException {
        if (!exists(connection)) {
            return Optional.empty();
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + dialect.quote("run_number") + ", "
                + dialect.quote("erid") + ", " + dialect.quote("watermark") + ", " + dialect.quote("committed_at") + " FROM " + table
                + " WHERE " + dialect.quote("pipeline") + " = ?")) {
            select.setString(1, pipeline);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String watermark = row.getString(3);
                Timestamp at = row.getTimestamp(4);
                return Optional.of(new Committed(row.getLong(1), row.getString(2), watermark == null ? null : Watermark.decode(watermark),
                        at == null ? null : at.toInstant()));
            }
        }
    }

    /** Stores a committed run, inside the caller's transaction. */
    void write(Connection connection, String pipeline, long runNumber, String erid, Watermark watermark, Instant at) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE " + dialect.quote("pipeline") + " = ?")) {
            delete.setString(1, pipeline);
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (" + dialect.quote("pipeline") + ", "
                + dialect.quote("run_number") + ", " + dialect.quote("erid") + ", " + dialect.quote("watermark") + ", "
                + dialect.quote("committed_at") + ") VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, pipeline);
            insert.setLong(2, runNumber);
            insert.setString(3, erid);
            insert.setString(4, watermark == null ? null : watermark.encode());
            insert.setTimestamp(5, Timestamp.from(at));
            insert.executeUpdate();
        }
    }
}
