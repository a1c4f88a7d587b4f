package io.des.pipeline.load;

import io.des.pipeline.config.DestinationSpec;
import io.des.pipeline.config.OutputColumns;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.jdbc.JdbcConnections;
import io.des.pipeline.jdbc.SqlDialect;
import io.des.pipeline.window.Watermark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A database destination. Before the load: the table is created when absent (key columns as its
 * primary key, the fields, the enriched fields and their sources, {@code enrichment_status},
 * {@code enriched_at}), or checked to have every column; a fresh staging table is made beside it.
 * The load job fills the staging table in batches. The commit then moves the staged rows into the
 * table by the write mode and stores the watermark, in one transaction.
 */
public final class JdbcDestination implements Destination {

    private final PipelineFile pipeline;
    private final DestinationSpec destination;
    private final SqlDialect dialect;
    private final List<String> columns;
    private final StagingTable staging;
    private final DestinationState state;
    private List<ColumnType> types;

    public JdbcDestination(PipelineFile pipeline) {
        this.pipeline = pipeline;
        this.destination = pipeline.destination();
        this.dialect = SqlDialect.of(destination.endpoint().type());
        this.columns = OutputColumns.of(pipeline);
        this.staging = new StagingTable(dialect, table(), pipeline.name(), columns);
        this.state = new DestinationState(dialect, table());
    }

    private String table() {
        return destination.endpoint().table();
    }

    @Override
    public Optional<DestinationState.Committed> committed() throws SQLException {
        try (Connection connection = JdbcConnections.open(destination.endpoint())) {
            return state.read(connection, pipeline.name());
        }
    }

    /** Readies the table and a fresh staging table. */
    @Override
    public List<ColumnType> prepare() throws SQLException {
        try (Connection connection = JdbcConnections.open(destination.endpoint()); Statement statement = connection.createStatement()) {
            Map<String, ColumnType> existing = columnsOf(statement);
            if (existing == null) {
                statement.execute(createTable());
                existing = columnsOf(statement);
            }
            List<ColumnType> types = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String column : columns) {
                ColumnType type = existing.get(column.toLowerCase(Locale.ROOT));
                if (type == null) {
                    missing.add(column);
                } else {
                    types.add(new ColumnType(column, type.sqlType(), type.size()));
                }
            }
            if (!missing.isEmpty()) {
                throw new SQLException("the destination table " + table() + " has no column " + String.join(", ", missing)
                        + "; add them, or let DES create the table (drop it, or name a new one)");
            }
            state.createIfAbsent(connection);
            statement.execute(staging.drop());
            statement.execute(staging.create(table()));
            statement.execute(staging.index());
            this.types = List.copyOf(types);
            return this.types;
        }
    }

    /** The table's columns by lower-case name, or null when the table does not exist. */
    private Map<String, ColumnType> columnsOf(Statement statement) {
        try (ResultSet empty = statement.executeQuery("SELECT * FROM " + dialect.quote(table()) + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            Map<String, ColumnType> types = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                boolean text = meta.getColumnType(i) == Types.VARCHAR || meta.getColumnType(i) == Types.CHAR
                        || meta.getColumnType(i) == Types.NVARCHAR;
                int size = text && meta.getPrecision(i) > 0 && meta.getPrecision(i) < Integer.MAX_VALUE ? meta.getPrecision(i) : 0;
                types.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), new ColumnType(meta.getColumnName(i), meta.getColumnType(i), size));
            }
            return types;
        } catch (SQLException e) {
            return null;
        }
    }

    String createTable() {
        List<String> key = pipeline.source().key();
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.quote(table())).append(" (");
        for (String column : columns) {
            String type = key.contains(column) ? dialect.keyType() + " NOT NULL"
                    : column.equals(OutputColumns.ENRICHED_AT) ? dialect.timestampType() : dialect.textType();
            sql.append(dialect.quote(column)).append(' ').append(type).append(", ");
        }
        return sql.append("PRIMARY KEY (").append(dialect.columnList(key)).append("))").toString();
    }

    /** Writes the staging table in batches of the destination's {@code batch_size}. */
    @Override
    public void sink(DataStream<OutputRow> rows, String[] outputColumns) {
        rows.sinkTo(new StagingTableSink(destination.endpoint(), staging, types.toArray(ColumnType[]::new), destination.batchSize()))
                .name("staging-table").uid("staging-table");
    }

    /**
     * Moves the staged rows into the table by the write mode and stores the run as committed, in
     * one transaction; then drops the staging table.
     *
     * @param watermark the run's high-water mark, or null when the pipeline has no cursor
     */
    @Override
    public void commit(long runNumber, String erid, Watermark watermark, Instant now) throws SQLException {
        try (Connection connection = JdbcConnections.open(destination.endpoint())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                switch (destination.write()) {
                    case REPLACE -> statement.executeUpdate("DELETE FROM " + dialect.quote(table()));
                    case UPSERT -> statement.executeUpdate(staging.deleteStagedKeys(table(), pipeline.source().key()));
                    case APPEND -> { }
                }
                statement.executeUpdate(staging.copyInto(table()));
                state.write(connection, pipeline.name(), runNumber, erid, watermark, now);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(staging.drop());
            }
        }
    }
}
