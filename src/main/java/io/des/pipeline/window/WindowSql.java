package io.des.pipeline.window;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.LoadMode;
import io.des.pipeline.config.LoadSpec;
import io.des.pipeline.jdbc.SqlDialect;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL that reads one run's window of a source table or query. A row {@code r} is in the window
 * when {@code after < (r.cursor, r.tie_breaker) <= through}, compared as pairs:
 *
 * <pre>
 * (c > ? OR (c = ? AND t > ?))       -- strictly after the last committed row
 * AND (c < ? OR (c = ? AND t <= ?))  -- not after the high-water mark
 * </pre>
 *
 * A full run keeps only the upper bound (and also reads rows whose cursor is NULL, which an
 * incremental run can never place). Names come from the checked pipeline file and are quoted by
 * the dialect; every value is a bound parameter.
 */
public final class WindowSql implements Serializable {

    /** SQL text and its parameters, in order. */
    public record Statement(String sql, List<Object> parameters) implements Serializable {}

    private final SqlDialect dialect;
    private final String relation;
    private final LoadSpec load;

    public WindowSql(SqlDialect dialect, Endpoint source, LoadSpec load) {
        this.dialect = dialect;
        this.relation = source.table() != null ? dialect.quote(source.table()) : "(" + source.query() + ") des_source";
        this.load = load;
    }

    /** The highest {@code (cursor, tie_breaker)} in the source; read it with {@code setMaxRows(1)}. */
    public String highWaterMark() {
        String c = dialect.quote(load.cursor());
        String t = dialect.quote(load.tieBreaker());
        return "SELECT " + c + ", " + t + " FROM " + relation + " WHERE " + c + " IS NOT NULL AND " + t + " IS NOT NULL"
                + " ORDER BY " + c + " DESC, " + t + " DESC";
    }

    /** Rows no incremental run reads (NULL cursor or tie-breaker): reported, and read by {@code --full}. */
    public String countWithoutCursor() {
        return "SELECT COUNT(*) FROM " + relation + " WHERE " + dialect.quote(load.cursor()) + " IS NULL OR "
                + dialect.quote(load.tieBreaker()) + " IS NULL";
    }

    public Statement count(RunWindow window) {
        Statement where = where(window);
        return new Statement("SELECT COUNT(*) FROM " + relation + " WHERE " + where.sql(), where.parameters());
    }

    /** The smallest and largest {@code key} in the window, to split it into key ranges. */
    public Statement keyBounds(String key, RunWindow window) {
        Statement where = where(window);
        String k = dialect.quote(key);
        return new Statement("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + relation + " WHERE " + where.sql(), where.parameters());
    }

    /**
     * The window's rows, {@code columns} in order; with {@code keyRange}, two more parameters follow
     * the window's: the range {@code key BETWEEN ? AND ?} one reader reads.
     */
    public Statement select(List<String> columns, RunWindow window, String keyRange) {
        Statement where = where(window);
        String sql = "SELECT " + dialect.columnList(columns) + " FROM " + relation + " WHERE " + where.sql();
        if (keyRange != null) {
            sql += " AND " + dialect.quote(keyRange) + " BETWEEN ? AND ?";
        }
        return new Statement(sql, where.parameters());
    }

    /** The window as a predicate, e.g. for {@code WHERE}. */
    public Statement where(RunWindow window) {
        if (load.cursor() == null) {
            return new Statement("1 = 1", List.of());
        }
        if (window.through() == null) {
            // No row had a cursor when the run was planned: an incremental run has nothing to read.
            return window.mode() == LoadMode.FULL ? new Statement("1 = 1", List.of()) : new Statement("1 = 0", List.of());
        }
        String c = dialect.quote(load.cursor());
        String t = dialect.quote(load.tieBreaker());
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (window.mode() == LoadMode.FULL) {
            sql.append("(").append(c).append(" IS NULL OR ").append(t).append(" IS NULL OR ");
        } else if (window.after() != null) {
            Watermark after = window.after();
            sql.append("(").append(c).append(" > ? OR (").append(c).append(" = ? AND ").append(t).append(" > ?)) AND (");
            parameters.add(after.cursor().toJdbc());
            parameters.add(after.cursor().toJdbc());
            parameters.add(after.tieBreaker().toJdbc());
        } else {
            sql.append("(");
        }
        sql.append(c).append(" < ? OR (").append(c).append(" = ? AND ").append(t).append(" <= ?))");
        parameters.add(window.through().cursor().toJdbc());
        parameters.add(window.through().cursor().toJdbc());
        parameters.add(window.through().tieBreaker().toJdbc());
        return new Statement(sql.toString(), parameters);
    }
}
