package io.des.pipeline.window;

import io.des.pipeline.config.LoadMode;
import io.des.pipeline.config.LoadSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fixes a new run's window against the source: its low mark is the last committed watermark
 * (incremental runs), its high-water mark the source's highest {@code (cursor, tie_breaker)} now,
 * so rows written while the run goes on wait for the next run instead of being half-read.
 */
public final class WindowPlanner {

    private WindowPlanner() {}

    /**
     * @param committed the watermark of the last committed run, or null before the first
     * @param forceFull {@code --full}: read every row whatever the pipeline's mode
     */
    public static RunWindow plan(Connection source, WindowSql sql, LoadSpec load, Watermark committed, long runNumber,
            boolean forceFull) throws SQLException {
        LoadMode mode = forceFull || !load.incremental() ? LoadMode.FULL : LoadMode.INCREMENTAL;
        Watermark through = load.cursor() == null ? null : highWaterMark(source, sql);
        return new RunWindow(mode, mode == LoadMode.INCREMENTAL ? committed : null, through, runNumber);
    }

    /** Rows of the window, counted now. */
    public static long count(Connection source, WindowSql sql, RunWindow window) throws SQLException {
        return singleLong(source, sql.count(window));
    }

    /** Rows an incremental run cannot place because their cursor or tie-breaker is NULL. */
    public static long rowsWithoutCursor(Connection source, WindowSql sql) throws SQLException {
        return singleLong(source, new WindowSql.Statement(sql.countWithoutCursor(), java.util.List.of()));
    }

    static Watermark highWaterMark(Connection source, WindowSql sql) throws SQLException {
        try (Statement statement = source.createStatement()) {
            statement.setMaxRows(1);
            try (ResultSet rows = statement.executeQuery(sql.highWaterMark())) {
                if (!rows.next()) {
                    return null;
                }
                return new Watermark(CursorValue.read(rows, 1), CursorValue.read(rows, 2));
            }
        }
    }

    private static long singleLong(Connection source, WindowSql.Statement query) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(query.sql())) {
            bind(statement, query);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Binds a statement's parameters from index 1. */
    public static void bind(PreparedStatement statement, WindowSql.Statement query) throws SQLException {
        for (int i = 0; i < query.parameters().size(); i++) {
            statement.setObject(i + 1, query.parameters().get(i));
        }
    }
}
