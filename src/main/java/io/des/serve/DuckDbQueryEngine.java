package io.des.serve;

import io.des.model.EridKey;
import io.des.model.Erids;
import io.des.model.FieldCounts;
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
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link QueryEngine} over a local storage root, reading Parquet with an embedded, in-memory DuckDB.
 *
 * <p>The partitions are found in Java (see {@link LocalPartitions}); DuckDB only ever receives file
 * lists and values as bound parameters, so no input reaches SQL text. A completed ERID is read from
 * the files its {@code _SUCCESS} marker lists, not from a directory listing, so a stray file can
 * never add rows. Pages filter on {@code record_index} ranges, which DuckDB prunes with the Parquet
 * row-group statistics.
 *
 * <p>Thread-safe: one in-memory database, one connection per query (DuckDB connections to the same
 * database run queries in parallel). Publishing may move files while a query reads them; when a
 * read fails and a new scan sees different partitions, the query is retried on the new scan.
 */
public final class DuckDbQueryEngine implements QueryEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DuckDbQueryEngine.class);
    private static final int MAX_ATTEMPTS = 3;
    // Hive partitioning off: the path's erid=<erid>_incomplete must not shadow the erid column in the file.
    private static final String FILES = "read_parquet(?, union_by_name = true, hive_partitioning = false)";
    // The files are the tenant's already (found under tenant=<t>/); the tenant predicate says so again.
    private static final String ONE_ERID = " WHERE tenant = ? AND erid = ?";
    private static final String PROGRESS_SQL =
            "SELECT count(DISTINCT record_index), max(number_of_records) FROM " + FILES + ONE_ERID;
    private static final String FIELD_COUNTS_SQL = "SELECT entry.key, "
            + "count(*) FILTER (WHERE entry.value = 'enriched'), count(*) FILTER (WHERE entry.value = 'not_found'), "
            + "count(*) FILTER (WHERE entry.value = 'failed'), count(*) "
            + "FROM (SELECT unnest(map_entries(field_status)) AS entry FROM " + FILES + ONE_ERID + ") "
            + "GROUP BY entry.key ORDER BY entry.key";
    private static final String PAGE_SQL = "SELECT * FROM " + FILES + ONE_ERID
            + " AND record_index >= ? AND record_index < ? ORDER BY record_index";

    private static final int MAX_CACHED_FIELD_COUNTS = 10_000;

    private final Path root;
    private final DuckDBConnection database;
    /** Field counts of completed ERIDs; bounded, least recently used goes first. */
    private final Map<CompletedFiles, Map<String, FieldCounts>> completedFieldCounts =
            java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CompletedFiles, Map<String, FieldCounts>> eldest) {
                    return size() > MAX_CACHED_FIELD_COUNTS;
                }
            });

    /**
     * Opens an in-memory DuckDB over the storage root {@code root} (the directory holding {@code
     * enriched_data/}).
     *
     * @throws QueryEngineException if DuckDB cannot start
     */
    public DuckDbQueryEngine(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
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
    public EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate) {
        DateRange range = new DateRange(startDate, endDate);
        TenantErid id = new TenantErid(tenant, erid);
        return withRetry(id, range, partitions -> statusOf(id, partitions));
    }

    @Override
    public ResultPage page(
            String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize) {
        DateRange range = new DateRange(startDate, endDate);
        TenantErid id = new TenantErid(tenant, erid);
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page and pageSize must be >= 1, got " + page + ", " + pageSize);
        }
        return withRetry(id, range, partitions -> {
            EridStatus status = statusOf(id, partitions);
            long from = (long) (page - 1) * pageSize;
            if (!status.isCompleted()) {
                return ResultPage.empty(status);
            }
            List<Path> files = partitions.completed().stream()
                    .flatMap(partition -> partition.files().stream())
                    .toList();
            Map<String, FieldCounts> counts = fieldCounts(id, files);
            List<Map<String, Object>> rows =
                    from >= status.recordsCommitted() ? List.of() : readRows(id, files, from, from + pageSize);
            return new ResultPage(status, rows, counts);
        });
    }

    private EridStatus statusOf(TenantErid id, LocalPartitions partitions) throws SQLException {
        if (!partitions.completed().isEmpty()) {
            long rows = partitions.completed().stream().mapToLong(partition -> partition.marker().rows()).sum();
            return new EridStatus(EridState.COMPLETED, rows, rows);
        }
        if (!partitions.inProgress()) {
            return EridStatus.inexistent();
        }
        if (partitions.committedFiles().isEmpty()) {
            return new EridStatus(EridState.INCOMPLETE, 0, null);
        }
        try (Connection connection = database.duplicate();
                PreparedStatement statement = connection.prepareStatement(PROGRESS_SQL)) {
            statement.setArray(1, fileList(connection, partitions.committedFiles()));
            id.bind(statement, 2);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                long committed = result.getLong(1);
                long total = result.getLong(2);
                return new EridStatus(EridState.INCOMPLETE, committed, result.wasNull() ? null : total);
            }
        }
    }

    /**
     * Per-field outcome counts over all of a completed ERID's files. Published partitions never
     * change (their files are fixed by {@code _SUCCESS}), so the aggregate is computed once per file
     * set and kept: without it every page request scanned the whole ERID again. Kept per (tenant,
     * ERID) and file set: the file set changes when a date range reaches another published date.
     */
    private Map<String, FieldCounts> fieldCounts(TenantErid id, List<Path> files) throws SQLException {
        CompletedFiles key = new CompletedFiles(id.key(), List.copyOf(files));
        Map<String, FieldCounts> cached = completedFieldCounts.get(key);
        if (cached != null) {
            return cached;
        }
        Map<String, FieldCounts> counts = computeFieldCounts(id, files);
        completedFieldCounts.put(key, counts);
        return counts;
    }

    private Map<String, FieldCounts> computeFieldCounts(TenantErid id, List<Path> files) throws SQLException {
        try (Connection connection = database.duplicate();
                PreparedStatement statement = connection.prepareStatement(FIELD_COUNTS_SQL)) {
            statement.setArray(1, fileList(connection, files));
            id.bind(statement, 2);
            Map<String, FieldCounts> counts = new LinkedHashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getString(1), new FieldCounts(
                            result.getLong(2), result.getLong(3), result.getLong(4), result.getLong(5)));
                }
            }
            return counts;
        }
    }

    private List<Map<String, Object>> readRows(TenantErid id, List<Path> files, long from, long to)
            throws SQLException {
        try (Connection connection = database.duplicate();
                PreparedStatement statement = connection.prepareStatement(PAGE_SQL)) {
            statement.setArray(1, fileList(connection, files));
            id.bind(statement, 2);
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

    private static Array fileList(Connection connection, List<Path> files) throws SQLException {
        return connection.createArrayOf("VARCHAR", files.stream().map(Path::toString).toArray());
    }

    private static Object plainValue(Object value) throws SQLException {
        if (value instanceof Array array) {
            return Arrays.asList((Object[]) array.getArray());
        }
        return value;
    }

    private <T> T withRetry(TenantErid id, DateRange range, PartitionQuery<T> query) {
        LocalPartitions partitions = scan(id, range);
        for (int attempt = 1; ; attempt++) {
            try {
                return query.run(partitions);
            } catch (SQLException e) {
                LocalPartitions rescanned = scan(id, range);
                if (attempt >= MAX_ATTEMPTS || rescanned.equals(partitions)) {
                    throw new QueryEngineException("query for erid " + id.key() + " failed", e);
                }
                LOG.info("Partitions of erid {} changed during a query (publishing); retrying", id.key());
                partitions = rescanned;
            }
        }
    }

    private LocalPartitions scan(TenantErid id, DateRange range) {
        try {
            return LocalPartitions.scan(root, id.tenant(), id.erid(), range);
        } catch (IOException | UncheckedIOException e) {
            throw new QueryEngineException("cannot list partitions of erid " + id.key(), e);
        } catch (IllegalArgumentException e) {
            throw new QueryEngineException("corrupt partition of erid " + id.key() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (SQLException e) {
            LOG.warn("Closing embedded DuckDB failed", e);
        }
    }

    /** The ERID asked for; constructing it validates both parts, as they become paths and key. */
    private record TenantErid(String tenant, String erid) {
        TenantErid {
            TenantIds.requireValid(tenant);
            Erids.requireValid(erid);
        }

        String key() {
            return EridKey.of(tenant, erid);
        }

        /** Binds the tenant and the ERID of {@link #ONE_ERID} at {@code index} and {@code index + 1}. */
        void bind(PreparedStatement statement, int index) throws SQLException {
            statement.setString(index, tenant);
            statement.setString(index + 1, erid);
        }
    }

    /** A completed ERID's file set, the key of its cached field counts. */
    private record CompletedFiles(String eridKey, List<Path> files) {}

    @FunctionalInterface
    private interface PartitionQuery<T> {
        T run(LocalPartitions partitions) throws SQLException;
    }
}
