package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.client.AwaitPolicy;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileParser;
import io.des.pipeline.quality.QualityTable;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.run.PipelineRun;
import io.des.pipeline.run.PipelineRunner;
import io.des.pipeline.run.RunLedger;
import io.des.pipeline.run.RunPhase;
import io.des.pipeline.run.RunProgress;
import io.des.pipeline.run.RunSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pull flow against a real MariaDB and a running local mode: a full run of 20,000 rows, then
 * an incremental run that loads exactly the 2,000 inserted and 50 updated rows (some inserted rows
 * share the boundary cursor value of the run before), then a run with nothing new.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PullPipelineMariaDbIT {

    static final LocalDateTime T0 = LocalDateTime.parse("2026-01-01T00:00:00");
    static final Map<String, String> ENV = Map.of("ENV_PASSWORD", MariaDb.PASSWORD, "ENV_OUT_PASSWORD", MariaDb.PASSWORD);

    @TempDir
    static Path tmp;
    static MariaDb mariaDb;
    static LocalDes des;
    static PipelineFile pipeline;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = MariaDb.start(tmp.resolve("mariadb"));
        mariaDb.createDatabase("marketing");
        mariaDb.createDatabase("output");
        try (Connection db = mariaDb.connect("marketing"); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, first_name VARCHAR(64), last_name VARCHAR(64),"
                    + " company VARCHAR(128), updated_at DATETIME(6) NOT NULL)");
        }
        insert(1, 20_000);
        des = LocalDes.start(LocalOptions.parse(new String[] {"--port", "0", "--web-ui-port", "0", "--data-dir",
                tmp.resolve("des").toString(), "--checkpoint-interval-ms", "500", "--provider-latency-ms", "1"}));
        pipeline = new PipelineFileParser(ENV::get).parse(file(mariaDb.port()), "enrich_marketing_data.yaml");
    }

    static String file(int port) {
        return """
                pipelineName: enrich_marketing_data
                dataSource:
                  type: mariadb
                  extraOptions:
                    hostname: 127.0.0.1
                    port: %d
                    database: marketing
                    user: des
                    password: ENV_PASSWORD
                    table: users
                    key: id
                    fields: [first_name, last_name, company]
                    fields_mapping: {company: company_name}
                    parallelism: 3
                fields_to_enrich: [professional_email, job_title]
                load: {mode: incremental, cursor: updated_at, tie_breaker: id}
                destination:
                  type: mariadb
                  extraOptions: {hostname: 127.0.0.1, port: %d, database: output, user: des, password: ENV_OUT_PASSWORD,
                                 table: enriched_users, batch_size: 500}
                  write: upsert
                """.formatted(port, port);
    }

    @AfterAll
    static void stop() {
        if (des != null) {
            des.close();
        }
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    /** Rows {@code from..to}; 100 rows share each cursor value, one second apart from {@link #T0}. */
    static void insert(long from, long to) throws Exception {
        insert(from, to, T0);
    }

    static void insert(long from, long to, LocalDateTime base) throws Exception {
        try (Connection db = mariaDb.connect("marketing");
                PreparedStatement insert = db.prepareStatement("INSERT INTO users VALUES (?, ?, ?, ?, ?)")) {
            for (long id = from; id <= to; id++) {
                insert.setLong(1, id);
                insert.setString(2, "First" + id);
                insert.setString(3, "Last" + id);
                insert.setString(4, "Company " + (id % 97));
                insert.setTimestamp(5, Timestamp.valueOf(base.plusSeconds(id / 100)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static RunSettings settings(Path state) {
        return new RunSettings(state, "http://127.0.0.1:" + des.port(), null,
                AwaitPolicy.defaults().withDelays(Duration.ofMillis(200), Duration.ofSeconds(1)).withTimeout(Duration.ofMinutes(5)),
                () -> StreamExecutionEnvironment.createLocalEnvironment(3), Clock.systemUTC());
    }

    static PipelineRun run(boolean full) throws Exception {
        try (RunLedger ledger = RunLedger.open(tmp.resolve("state"))) {
            PipelineRun run = new PipelineRunner(pipeline, settings(tmp.resolve("state")), ledger, RunProgress.NONE).run(full);
            System.out.println("run " + run.runNumber() + " " + run.window().describe() + " erid " + run.erid() + ": " + run.outcome()
                    + System.lineSeparator() + QualityTable.render(RunQuality.fromJson(run.qualityJson())));
            return run;
        }
    }

    @Test
    @Order(1)
    void aFullRunLoadsEveryRowWithItsEnrichedColumns() throws Exception {
        PipelineRun run = run(true);

        assertEquals(RunPhase.COMMITTED, run.phase());
        assertEquals(20_000, run.numberOfRecords());
        RunQuality quality = RunQuality.fromJson(run.qualityJson());
        assertEquals(20_000, quality.read().rows());
        assertEquals(20_000, quality.read().distinctKeys());
        assertEquals(20_000, quality.write().rows());
        assertEquals(20_000, quality.write().distinctKeys());
        assertEquals(20_000, quality.fields().get("professional_email").of());
        assertEquals(20_000, count("SELECT COUNT(*) FROM enriched_users"));
        assertEquals(20_000, count("SELECT COUNT(*) FROM enriched_users WHERE enrichment_status IS NOT NULL AND enriched_at IS NOT NULL"));
        assertEquals(quality.fields().get("professional_email").found(),
                count("SELECT COUNT(*) FROM enriched_users WHERE professional_email LIKE '%@%' AND professional_email_source IS NOT NULL"));
        assertEquals("Company 42", text("SELECT company FROM enriched_users WHERE id = '42'"), "the source column comes back under its name");
    }

    @Test
    @Order(2)
    void anIncrementalRunLoadsExactlyTheNewAndChangedRowsIncludingThoseSharingTheBoundaryValue() throws Exception {
        // The full run ended on (00:03:20, 20000): ids 20000..20049 would share that value; 20001..20049 arrive now.
        insert(20_001, 22_000);
        try (Connection db = mariaDb.connect("marketing"); Statement statement = db.createStatement()) {
            assertEquals(50, statement.executeUpdate("UPDATE users SET first_name = CONCAT('Renamed', id),"
                    + " updated_at = '2026-01-02 00:00:00' WHERE id BETWEEN 1001 AND 1050"));
        }

        PipelineRun run = run(false);

        assertEquals(RunPhase.COMMITTED, run.phase());
        assertEquals(2_050, run.numberOfRecords(), "2,000 inserted and 50 updated rows, none of the 20,000 again");
        assertEquals(2_050, RunQuality.fromJson(run.qualityJson()).write().rows());
        assertEquals(22_000, count("SELECT COUNT(*) FROM enriched_users"));
        assertEquals(49, count("SELECT COUNT(*) FROM enriched_users WHERE CAST(id AS UNSIGNED) BETWEEN 20001 AND 20049"));
        assertEquals(50, count("SELECT COUNT(*) FROM enriched_users WHERE first_name LIKE 'Renamed%'"));
        assertTrue(text("SELECT professional_email FROM enriched_users WHERE id = '1001'").startsWith("renamed1001."),
                "the updated row is enriched again from its new values");

        PipelineRun nothing = run(false);
        assertEquals(RunPhase.NOTHING_NEW, nothing.phase());
        assertEquals(22_000, count("SELECT COUNT(*) FROM enriched_users"));
    }

    @Test
    @Order(3)
    void aRunKilledMidFetchIsResumedWithNoRowLostOrDoubled() throws Exception {
        insert(22_001, 27_000, T0.plusDays(2)); // after the watermark the updates of the run before left
        Path file = tmp.resolve("enrich_marketing_data.yaml");
        java.nio.file.Files.writeString(file, file(mariaDb.port()));
        Path staged = tmp.resolve("state").resolve("enrich_marketing_data").resolve("run-4").resolve("staged");
        Process child = startRun(file, tmp.resolve("killed-run.log"));
        try {
            for (long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos(); !java.nio.file.Files.exists(staged); Thread.sleep(20)) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline,
                        () -> "the child run reached its fetch; its output:\n" + readQuietly(tmp.resolve("killed-run.log")));
            }
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL while the fetch writes its staged files
        }
        try (RunLedger ledger = RunLedger.open(tmp.resolve("state"))) {
            assertEquals(RunPhase.PLANNED, ledger.unfinished("enrich_marketing_data").orElseThrow().phase());
        }

        PipelineRun resumed = run(false);

        assertEquals(4, resumed.runNumber(), "the killed run is resumed, not a new one");
        assertEquals(RunPhase.COMMITTED, resumed.phase());
        assertEquals(5_000, resumed.numberOfRecords());
        assertEquals(27_000, count("SELECT COUNT(*) FROM enriched_users"));
        assertEquals(27_000, count("SELECT COUNT(DISTINCT id) FROM enriched_users"));
        assertEquals(5_000, count("SELECT COUNT(*) FROM enriched_users WHERE CAST(id AS UNSIGNED) > 22000"));
    }

    static String readQuietly(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** {@code des pipeline run FILE} in its own JVM, as a user would start it. */
    static Process startRun(Path file, Path log) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        for (String open : System.getProperty("des.test.opens", "").split(" ")) {
            if (!open.isBlank()) {
                command.add(open);
            }
        }
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), "io.des.cli.DesCommand", "pipeline", "run",
                file.toString(), "--url", "http://127.0.0.1:" + des.port(), "--state-dir", tmp.resolve("state").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(ENV);
        return builder.start();
    }

    static long count(String sql) throws Exception {
        try (Connection db = mariaDb.connect("output"); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String text(String sql) throws Exception {
        try (Connection db = mariaDb.connect("output"); Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
