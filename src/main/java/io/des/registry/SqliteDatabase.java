package io.des.registry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * One connection to the registry's SQLite file, configured for durability and for sharing the
 * file with other connections (the API's and the job's, in one JVM or two), and the only place
 * SQL runs: every statement is constant text with bound parameters.
 */
final class SqliteDatabase implements AutoCloseable {

    /** How long a write waits for another connection's write to finish before failing. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    /** Maps the current row of a result set. */
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private SqliteDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * WAL lets readers go on while one connection writes; {@code synchronous=FULL} fsyncs the WAL
     * at every commit, so an acknowledged write survives a crash of the process or of the machine;
     * the busy timeout makes a second writer wait instead of failing with SQLITE_BUSY; IMMEDIATE
     * transactions take the write lock when they begin, so a transaction never has to upgrade a
     * read lock (the one case where SQLite fails without waiting).
     */
    static SqliteDatabase open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection;
        try {
            connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new RegistryStoreException("cannot open the ERID registry " + file, e);
        }
        try {
            migrate(connection);
            return new SqliteDatabase(file, connection);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            throw e instanceof SQLException sql ? new RegistryStoreException("cannot open the ERID registry " + file, sql)
                    : (RuntimeException) e;
        }
    }

    /** Brings the schema up to date in one IMMEDIATE transaction, so two processes opening at once take turns. */
    private static void migrate(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            SqliteSchema.migrate(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void closeQuietly(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Runs one INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    synchronized int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    synchronized <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rows = statement.executeQuery()) {
            List<T> results = new ArrayList<>();
            while (rows.next()) {
                results.add(mapper.map(rows));
            }
            return results;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A comma-separated placeholder per value, for {@code IN (…)} lists of known length. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** {@code parameters}, then the name of each state in {@code states}: the values of a transition's {@code IN (…)}. */
    static Object[] withStateNames(List<? extends Enum<?>> states, Object... parameters) {
        return Stream.concat(Arrays.stream(parameters), states.stream().map(Enum::name)).toArray();
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private RegistryStoreException failure(SQLException e) {
        return new RegistryStoreException("the ERID registry " + file + " failed: " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure(e);
        }
    }
}
