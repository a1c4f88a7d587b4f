package io.des.serve;

import io.des.model.EridKey;
import io.des.model.Erids;
import io.des.model.TenantIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link QueryEngine} over a local storage root, reading Parquet with an embedded, in-memory DuckDB.
 *
 * <p>The files come from the partition's {@code _SUCCESS} marker ({@link PublishedFiles}), never from
 * a directory listing, so a stray file can never add rows; DuckDB only ever receives the file list
 * and values as bound parameters, so no input reaches SQL text. Pages filter on {@code
 * record_index} ranges, which DuckDB prunes with the Parquet row-group statistics.
 *
 * <p>Thread-safe: one in-memory database, one connection per query (DuckDB connections to the same
 * database run queries in parallel).
 */
public final class DuckDbQueryEngine implements QueryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueryEngine.class);
    // Hive partitioning off: the path's erid=<erid> must not shadow the erid column in the file.
    private static final String PAGE_SQL = "SELECT * FROM read_parquet(?, union_by_name = true, hive_partitioning = false)"
            // The files are the tenant's already (found under tenant=<t>/); the tenant predicate says so again.
            + " WHERE tenant = ? AND erid = ? AND record_index >= ? AND record_index < ? ORDER BY record_index";

    private final Path root;
    private final StorageReader storage;
    private final DuckDBConnection database;

    /**
     * Opens an in-memory DuckDB over the storage root {@code root} (the directory holding {@code
     * enriched_data/}).
     *
     * @throws QueryEngineException if DuckDB cannot start
     */
    public DuckDbQueryEngine(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
        try {
            this.storage = new FlinkStorageReader(this.root.toUri());
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + this.root, e);
        }
        try {
            this.database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = database.createStatement()) {
                // Serving must never download code at query time; Parquet support is built in.
                statement.execute("SET autoinstall_known_extensions = false");
            }
        } catch (SQLException e) {
            throw new QueryEngineException("cannot start embedded DuckDB", e);
        }
    }

    @Override
    public Optional<List<Map<String, Object>>> page(
            String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
        TenantIds.requireValid(tenant);
        Erids.requireValid(erid);
        long from = QueryEngine.firstIndex(page, pageSize);
        try {
            Optional<PublishedFiles> published = PublishedFiles.read(storage, tenant, erid, requestDate);
            if (published.isEmpty()) {
                return Optional.empty();
            }
            long to = Math.min(from + pageSize, published.get().rows());
            if (from >= to) {
                return Optional.of(List.of());
            }
            List<String> files = published.get().filePaths().stream().map(path -> root.resolve(path).toString()).toList();
            return Optional.of(readRows(tenant, erid, files, from, to));
        } catch (IOException | IllegalArgumentException | SQLException e) {
            throw new QueryEngineException("cannot read page " + page + " of erid " + EridKey.of(tenant, erid)
                    + ": " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> readRows(String tenant, String erid, List<String> files, long from, long to)
            throws SQLException {
        try (Connection connection = database.duplicate();
                PreparedStatement statement = connection.prepareStatement(PAGE_SQL)) {
            statement.setArray(1, connection.createArrayOf("VARCHAR", files.toArray()));
            statement.setString(2, tenant);
            statement.setString(3, erid);
            statement.setLong(4, from);
            statement.setLong(5, to);
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> stored = new LinkedHashMap<>();
                    for (int column = 1; column <= columns.getColumnCount(); column++) {
                        stored.put(columns.getColumnLabel(column), plainValue(result.getObject(column)));
                    }
                    rows.add(EnrichedRowShaper.shape(stored));
                }
                return rows;
            }
        }
    }

    private static Object plainValue(Object value) throws SQLException {
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value;
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            LOG.warn("Closing embedded DuckDB failed", e);
        }
    }
}
