package io.des.pipeline.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.LoadMode;
import io.des.pipeline.config.LoadSpec;
import io.des.pipeline.config.SourceSpec;
import io.des.pipeline.config.StoreType;
import io.des.pipeline.jdbc.JdbcConnections;
import io.des.pipeline.jdbc.SqlDialect;
import io.des.pipeline.window.RunWindow;
import io.des.pipeline.window.WindowPlanner;
import io.des.pipeline.window.WindowSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC fetch with flink-connector-jdbc's JdbcSource over key ranges, on a SQLite file. */
class JdbcFetchTest {

    @Test
    void keyRangeReadersTogetherStageEveryRowOfTheWindowOnce(@TempDir Path tmp) throws Exception {
        Endpoint endpoint = new Endpoint(StoreType.JDBC, null, 0, null, null, null, "jdbc:sqlite:" + tmp.resolve("src.db"),
                "org.sqlite.JDBC", Map.of(), "people", null, null, ',');
        LoadSpec load = new LoadSpec(LoadMode.INCREMENTAL, "version", "id");
        SourceSpec source = new SourceSpec(endpoint, List.of("id"), List.of("first_name", "company"),
                Map.of("first_name", "first_name", "company", "company_name"), 3);
        try (Connection db = JdbcConnections.open(endpoint)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, version INTEGER, first_name TEXT, company TEXT)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO people VALUES (?, ?, ?, ?)")) {
                for (int id = 1; id <= 1000; id++) {
                    insert.setInt(1, id * 7); // keys 7..7000: ranges are cut by value, not by count
                    insert.setInt(2, id % 10);
                    insert.setString(3, "First" + id);
                    insert.setString(4, "Company " + (id % 13));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            WindowSql sql = new WindowSql(SqlDialect.STANDARD, endpoint, load);
            RunWindow window = WindowPlanner.plan(db, sql, load, null, 1, false);
            ContactShape shape = ContactShape.of(source);
            JdbcRows rows = JdbcRows.plan(db, endpoint, sql, window, shape, 3);
            assertEquals(3, rows.splits());

            FetchJob.Result result = new FetchJob(rows, shape, tmp.resolve("staged").toString(), tmp.resolve("discarded").toString())
                    .run(StreamExecutionEnvironment.createLocalEnvironment(3), "fetch-jdbc");

            assertEquals(1000, result.rowsRead());
            assertEquals(1000, result.staged());
            assertEquals(1000, result.distinctKeys());
            Set<String> keys = new HashSet<>();
            StagedContacts.in(tmp.resolve("staged").toString()).forEach(contact -> keys.add(contact.get("source_key")));
            assertEquals(1000, keys.size());
        }
    }

    @Test
    void rangesCoverTheKeysWithoutGapOrOverlap() {
        var ranges = JdbcRows.ranges(List.of("w"), 7, 7000, 3);
        assertEquals(3, ranges.length);
        assertEquals(List.of("w", 7L, 2338L), List.of(ranges[0]));
        assertEquals(List.of("w", 2339L, 4670L), List.of(ranges[1]));
        assertEquals(List.of("w", 4671L, 7000L), List.of(ranges[2]));
        assertEquals(1, JdbcRows.ranges(List.of(), 5, 5, 4).length);
    }
}
