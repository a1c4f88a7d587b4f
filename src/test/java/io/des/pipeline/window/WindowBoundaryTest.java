package io.des.pipeline.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.LoadMode;
import io.des.pipeline.config.LoadSpec;
import io.des.pipeline.config.StoreType;
import io.des.pipeline.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The window rules on a real SQL engine (SQLite in memory): consecutive incremental runs read every
 * row exactly once, including rows that share the boundary cursor value and arrive after the run
 * that ended on it, and rows written while a run goes on wait for the next one.
 */
class WindowBoundaryTest {

    private static final LoadSpec INCREMENTAL = new LoadSpec(LoadMode.INCREMENTAL, "version", "id");
    private static final Endpoint SOURCE = new Endpoint(StoreType.JDBC, null, 0, null, null, null, "jdbc:sqlite::memory:", null,
            Map.of(), "contacts", null, null, ',');

    private Connection db;
    private final WindowSql sql = new WindowSql(SqlDialect.STANDARD, SOURCE, INCREMENTAL);

    @BeforeEach
    void open() throws Exception {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, version INTEGER, name TEXT)");
        }
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void rowsSharingTheBoundaryValueAreNeitherLostNorRepeated() throws Exception {
        for (int id = 1; id <= 10; id++) {
            upsert(id, id / 3); // versions 0,0,1,1,1,2,2,2,3,3: ties everywhere
        }
        RunWindow first = WindowPlanner.plan(db, sql, INCREMENTAL, null, 1, false);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), read(first));
        assertEquals("(3, 10)", first.through().toString());

        upsert(11, 3); // shares the boundary value, after the boundary row
        upsert(12, 3);
        upsert(13, 4);
        upsert(5, 5); // an update: moves row 5 past the boundary
        RunWindow second = WindowPlanner.plan(db, sql, INCREMENTAL, first.through(), 2, false);

        assertEquals(List.of(11, 12, 13, 5), read(second), "exactly the new and changed rows, in (cursor, key) order");
        assertEquals(4, WindowPlanner.count(db, sql, second));
    }

    @Test
    void rowsWrittenDuringARunWaitForTheNextOne() throws Exception {
        upsert(1, 1);
        upsert(2, 2);
        RunWindow first = WindowPlanner.plan(db, sql, INCREMENTAL, null, 1, false);
        upsert(3, 2); // written after the run took its high-water mark, same cursor value
        upsert(4, 7);

        assertEquals(List.of(1, 2), read(first));
        RunWindow second = WindowPlanner.plan(db, sql, INCREMENTAL, first.through(), 2, false);
        assertEquals(List.of(3, 4), read(second));
        RunWindow third = WindowPlanner.plan(db, sql, INCREMENTAL, second.through(), 3, false);
        assertEquals(List.of(), read(third), "nothing new");
    }

    @Test
    void aFullRunReadsEveryRowUpToItsMarkAndRowsWithoutACursorAreCounted() throws Exception {
        upsert(1, 1);
        upsert(2, null);
        upsert(3, 4);
        RunWindow full = WindowPlanner.plan(db, sql, INCREMENTAL, new Watermark(CursorValue.of(4L), CursorValue.of(3L)), 5, true);

        assertEquals(LoadMode.FULL, full.mode());
        assertNull(full.after());
        assertEquals(java.util.Set.of(1, 2, 3), java.util.Set.copyOf(read(full)));
        assertEquals(1, WindowPlanner.rowsWithoutCursor(db, sql));
        assertEquals(List.of(1, 3), read(WindowPlanner.plan(db, sql, INCREMENTAL, null, 1, false)), "incremental cannot place row 2");
    }

    @Test
    void anEmptySourceHasAnEmptyIncrementalWindow() throws Exception {
        RunWindow window = WindowPlanner.plan(db, sql, INCREMENTAL, null, 1, false);

        assertNull(window.through());
        assertEquals(0, WindowPlanner.count(db, sql, window));
    }

    @Test
    void keyRangesSplitTheWindowWithoutOverlap() throws Exception {
        for (int id = 1; id <= 9; id++) {
            upsert(id, 1);
        }
        RunWindow window = WindowPlanner.plan(db, sql, INCREMENTAL, null, 1, false);
        WindowSql.Statement select = sql.select(List.of("id"), window, "id");
        List<Integer> ids = new ArrayList<>();
        for (long[] range : new long[][] {{1, 3}, {4, 6}, {7, 9}}) {
            List<Object> parameters = new ArrayList<>(select.parameters());
            parameters.add(range[0]);
            parameters.add(range[1]);
            ids.addAll(query(new WindowSql.Statement(select.sql() + " ORDER BY \"id\"", parameters)));
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), ids);
    }

    private void upsert(int id, Integer version) throws Exception {
        try (PreparedStatement statement = db.prepareStatement("INSERT OR REPLACE INTO contacts (id, version, name) VALUES (?, ?, ?)")) {
            statement.setInt(1, id);
            statement.setObject(2, version);
            statement.setString(3, "row" + id);
            statement.executeUpdate();
        }
    }

    private List<Integer> read(RunWindow window) throws Exception {
        WindowSql.Statement select = sql.select(List.of("id"), window, null);
        return query(new WindowSql.Statement(select.sql() + " ORDER BY \"version\", \"id\"", select.parameters()));
    }

    private List<Integer> query(WindowSql.Statement select) throws Exception {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(select.sql())) {
            WindowPlanner.bind(statement, select);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
        }
        return ids;
    }
}
