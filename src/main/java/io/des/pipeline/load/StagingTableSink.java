package io.des.pipeline.load;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.jdbc.JdbcConnections;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes a run's rows into its staging table in batches, one transaction each: the batch's record
 * indexes are deleted, then its rows inserted, so a batch written again (the job restarted after a
 * failure) replaces itself instead of doubling. The destination table itself is written only by
 * the run's commit ({@link JdbcDestination#commit}).
 */
final class StagingTableSink implements Sink<OutputRow> {

    private static final long serialVersionUID = 1L;

    private final Endpoint endpoint;
    private final String deleteSql;
    private final String insertSql;
    private final ColumnType[] types;
    private final int batchSize;

    StagingTableSink(Endpoint endpoint, StagingTable staging, ColumnType[] types, int batchSize) {
        this.endpoint = endpoint;
        this.deleteSql = staging.deleteIndexes(batchSize);
        this.insertSql = staging.insert();
        this.types = types;
        this.batchSize = batchSize;
    }

    @Override
    public SinkWriter<OutputRow> createWriter(WriterInitContext context) {
        return new Writer();
    }

    /** Flink 1.20 still declares this legacy variant abstract; it is not called by the runtime. */
    @Override
    @Deprecated
    public SinkWriter<OutputRow> createWriter(Sink.InitContext context) {
        return new Writer();
    }

    private final class Writer implements SinkWriter<OutputRow> {

        private final List<OutputRow> batch = new ArrayList<>();
        private Connection connection;

        @Override
        public void write(OutputRow row, Context context) throws IOException {
            batch.add(row);
            if (batch.size() >= batchSize) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (batch.isEmpty()) {
                return;
            }
            try {
                if (connection == null) {
                    connection = JdbcConnections.open(endpoint);
                    connection.setAutoCommit(false);
                }
                writeBatch();
                connection.commit();
                batch.clear();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new IOException("cannot write a batch of " + batch.size() + " rows to the staging table: " + e.getMessage(), e);
            }
        }

        private void writeBatch() throws SQLException {
            try (PreparedStatement delete = connection.prepareStatement(deleteSql)) {
                for (int i = 0; i < batchSize; i++) {
                    // A short batch repeats its last index: the statement has batchSize parameters.
                    delete.setLong(i + 1, batch.get(Math.min(i, batch.size() - 1)).recordIndex);
                }
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(insertSql)) {
                for (OutputRow row : batch) {
                    insert.setLong(1, row.recordIndex);
                    for (int i = 0; i < types.length; i++) {
                        Object value = types[i].convert(row.values[i]);
                        if (value == null) {
                            insert.setNull(i + 2, types[i].sqlType());
                        } else {
                            insert.setObject(i + 2, value);
                        }
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }

        private void rollbackQuietly() {
            try {
                if (connection != null) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // the failure being reported matters more
            }
        }

        @Override
        public void close() throws Exception {
            if (connection != null) {
                connection.close();
            }
        }
    }
}
