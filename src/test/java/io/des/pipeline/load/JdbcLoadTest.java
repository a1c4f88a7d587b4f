package io.des.pipeline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileParser;
import io.des.pipeline.jdbc.JdbcConnections;
import io.des.pipeline.window.CursorValue;
import io.des.pipeline.window.Watermark;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load into a database (SQLite here; MariaDB in the ITs): the table is created, rows are
 * staged in batches and reach the table with the watermark in one transaction; a load that never
 * commits leaves the table and the watermark as they were; upsert replaces by key.
 */
class JdbcLoadTest {

    private static PipelineFile pipeline(Path db) throws Exception {
        return new PipelineFileParser(Map.<String, String>of()::get).parse("""
                pipelineName: crm_contacts
                dataSource:
                  type: jdbc
                  extraOptions: {url: "jdbc:sqlite:%s", table: people, key: id, fields: [first_name, company],
                                 fields_mapping: {company: company_name}}
                fields_to_enrich: [professional_email]
                load: {mode: incremental, cursor: updated_at}
                destination:
                  type: jdbc
                  extraOptions: {url: "jdbc:sqlite:%s", driver: org.sqlite.JDBC, table: enriched, batch_size: 2}
                  write: upsert
                """.formatted(db, db), "p.yaml");
    }

    private static Map<String, String> row(long index, String key, String first, String email) {
        return Map.of("record_index", String.valueOf(index), "source_key", key, "first_name", first, "company_name", "Acme",
                "professional_email", email, "professional_email_source", "sandbox", "enrichment_status", "enriched");
    }

    private static final Watermark HIGH = new Watermark(CursorValue.of(5L), CursorValue.of(3L));

    @Test
    void aRunsRowsAndItsWatermarkAreCommittedTogetherAndUpsertedByKey(@TempDir Path tmp) throws Exception {
        PipelineFile pipeline = pipeline(tmp.resolve("dest.db"));
        JdbcDestination destination = new JdbcDestination(pipeline);

        LoadJob.Result first = load(pipeline, destination, tmp, List.of(row(0, "1", "Ada", "ada@acme.com"),
                row(1, "2", "Grace", "grace@acme.com"), row(2, "3", "Alan", "alan@acme.com")));
        assertEquals(new LoadJob.Result(3, 3, 3, Map.of(), Map.of()), first);
        assertEquals(List.of(), rows(pipeline), "nothing is visible before the commit");
        assertTrue(destination.committed().isEmpty());
        destination.commit(1, "e1", HIGH, Instant.parse("2026-03-01T06:00:00Z"));
        assertEquals(List.of("1 Ada Acme ada@acme.com sandbox enriched", "2 Grace Acme grace@acme.com sandbox enriched",
                "3 Alan Acme alan@acme.com sandbox enriched"), rows(pipeline));
        assertEquals(HIGH, destination.committed().orElseThrow().watermark());

        Watermark next = new Watermark(CursorValue.of(9L), CursorValue.of(4L));
        load(pipeline, destination, tmp, List.of(row(0, "2", "Grace B.", "hopper@navy.mil"), row(1, "4", "Edsger", "ewd@tue.nl")));
        // a crash here: staged, not committed; the table and the watermark stay as they were
        assertEquals(3, rows(pipeline).size());
        assertEquals(HIGH, destination.committed().orElseThrow().watermark());
        load(pipeline, destination, tmp, List.of(row(0, "2", "Grace B.", "hopper@navy.mil"), row(1, "4", "Edsger", "ewd@tue.nl")));
        destination.commit(2, "e2", next, Instant.parse("2026-03-02T06:00:00Z"));

        assertEquals(List.of("1 Ada Acme ada@acme.com sandbox enriched", "2 Grace B. Acme hopper@navy.mil sandbox enriched",
                "3 Alan Acme alan@acme.com sandbox enriched", "4 Edsger Acme ewd@tue.nl sandbox enriched"), rows(pipeline));
        DestinationState.Committed committed = destination.committed().orElseThrow();
        assertEquals(2, committed.runNumber());
        assertEquals("e2", committed.erid());
        assertEquals(next, committed.watermark());
    }

    @Test
    void valuesThatDoNotFitAnExistingTableAreDiscardedWithTheReason(@TempDir Path tmp) throws Exception {
        PipelineFile pipeline = pipeline(tmp.resolve("dest.db"));
        try (Connection connection = JdbcConnections.open(pipeline.destination().endpoint()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE enriched (id INTEGER PRIMARY KEY, first_name TEXT, company TEXT, professional_email TEXT,"
                    + " professional_email_source TEXT, enrichment_status TEXT, enriched_at TIMESTAMP, notes TEXT)");
        }
        JdbcDestination destination = new JdbcDestination(pipeline);

        LoadJob.Result result = load(pipeline, destination, tmp, List.of(row(0, "1", "Ada", "a@b.c"), row(1, "x-2", "Bad", "b@b.c")));
        destination.commit(1, "e1", null, Instant.now());

        assertEquals(Map.of("cannot_convert", 1L), result.discarded());
        assertEquals(1, result.rowsWritten());
        assertEquals(List.of("1 Ada Acme a@b.c sandbox enriched"), rows(pipeline));
    }

    private static LoadJob.Result load(PipelineFile pipeline, JdbcDestination destination, Path tmp, List<Map<String, String>> rows)
            throws Exception {
        List<ColumnType> types = destination.prepare();
        OutputShape shape = OutputShape.of(pipeline, types, "2026-03-01T06:00:00");
        return new LoadJob(new ListInput(rows), shape, destination, tmp.resolve("discarded").toString())
                .run(StreamExecutionEnvironment.createLocalEnvironment(2), "load-test");
    }

    private static List<String> rows(PipelineFile pipeline) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = JdbcConnections.open(pipeline.destination().endpoint()); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, first_name, company, professional_email, professional_email_source,"
                        + " enrichment_status, enriched_at FROM enriched ORDER BY id")) {
            while (result.next()) {
                assertTrue(result.getString(7) != null, "enriched_at is set");
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " " + result.getString(4) + " "
                        + result.getString(5) + " " + result.getString(6));
            }
        }
        return rows;
    }
}
