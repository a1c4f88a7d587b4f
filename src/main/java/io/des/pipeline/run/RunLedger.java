package io.des.pipeline.run;

import io.des.pipeline.config.LoadMode;
import io.des.pipeline.window.RunWindow;
import io.des.pipeline.window.Watermark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * Every run of every pipeline of one state directory: its window, ERID, phase, figures and outcome
 * ({@code des pipeline status}), and the run to resume after a failure. One SQLite file,
 * {@code <state-dir>/runs.db}, written with WAL and {@code synchronous=FULL} so that a phase
 * recorded is a phase done, whatever crashes after.
 *
 * <p>For a database destination the watermark that counts is the one committed in the destination
 * with the rows ({@link io.des.pipeline.load.DestinationState}); the ledger's copy is for reading.
 */
public final class RunLedger implements AutoCloseable {

    private static final String COLUMNS = "pipeline, run_number, erid, mode, after_mark, through_mark, phase, started_at,"
            + " updated_at, number_of_records, quality_json, error";

    private final Connection connection;

    private RunLedger(Connection connection) {
        this.connection = connection;
    }

    public static RunLedger open(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout(10_000);
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            Connection connection = config.createConnection("jdbc:sqlite:" + stateDir.resolve("runs.db").toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS runs (pipeline TEXT NOT NULL, run_number INTEGER NOT NULL,"
                        + " erid TEXT, mode TEXT NOT NULL, after_mark TEXT, through_mark TEXT, phase TEXT NOT NULL,"
                        + " started_at TEXT NOT NULL, updated_at TEXT NOT NULL, number_of_records INTEGER NOT NULL,"
                        + " quality_json TEXT, error TEXT, PRIMARY KEY (pipeline, run_number))");
            }
            return new RunLedger(connection);
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open the run ledger in " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** Records the run as it now stands (a new run, or a phase, figures or failure of a known one). */
    public synchronized void save(PipelineRun run) {
        String sql = "INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (pipeline, run_number) DO UPDATE SET erid = excluded.erid, phase = excluded.phase,"
                + " updated_at = excluded.updated_at, number_of_records = excluded.number_of_records,"
                + " quality_json = excluded.quality_json, error = excluded.error";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, run.pipeline());
            statement.setLong(2, run.runNumber());
            statement.setString(3, run.erid());
            statement.setString(4, run.window().mode().name());
            statement.setString(5, run.window().after() == null ? null : run.window().after().encode());
            statement.setString(6, run.window().through() == null ? null : run.window().through().encode());
            statement.setString(7, run.phase().name());
            statement.setString(8, run.startedAt().toString());
            statement.setString(9, run.updatedAt().toString());
            statement.setLong(10, run.numberOfRecords());
            statement.setString(11, run.qualityJson());
            statement.setString(12, run.error());
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record run " + run.runNumber() + " of " + run.pipeline() + ": " + e.getMessage(), e);
        }
    }

    /** The pipeline's latest run, if it has not finished: the one to resume. */
    public Optional<PipelineRun> unfinished(String pipeline) {
        return recent(pipeline, 1).stream().filter(run -> !run.phase().isFinished()).findFirst();
    }

    /** The pipeline's latest committed run: its high-water mark is the next run's low mark. */
    public Optional<PipelineRun> lastCommitted(String pipeline) {
        List<PipelineRun> runs = query("SELECT " + COLUMNS + " FROM runs WHERE pipeline = ? AND phase = 'COMMITTED'"
                + " ORDER BY run_number DESC LIMIT 1", pipeline, 1);
        return runs.stream().findFirst();
    }

    /** One more than the pipeline's highest run number. */
    public long nextRunNumber(String pipeline) {
        return recent(pipeline, 1).stream().mapToLong(PipelineRun::runNumber).max().orElse(0) + 1;
    }

    /** The pipeline's last {@code limit} runs, newest first. */
    public List<PipelineRun> recent(String pipeline, int limit) {
        return query("SELECT " + COLUMNS + " FROM runs WHERE pipeline = ? ORDER BY run_number DESC LIMIT ?", pipeline, limit);
    }

    private synchronized List<PipelineRun> query(String sql, String pipeline, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, pipeline);
            if (sql.endsWith("?")) {
                statement.setInt(2, limit);
            }
            List<PipelineRun> runs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(map(rows));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the runs of " + pipeline + ": " + e.getMessage(), e);
        }
    }

    private static PipelineRun map(ResultSet row) throws SQLException {
        String after = row.getString("after_mark");
        String through = row.getString("through_mark");
        RunWindow window = new RunWindow(LoadMode.valueOf(row.getString("mode")),
                after == null ? null : Watermark.decode(after), through == null ? null : Watermark.decode(through),
                row.getLong("run_number"));
        return new PipelineRun(row.getString("pipeline"), row.getLong("run_number"), row.getString("erid"), window,
                RunPhase.valueOf(row.getString("phase")), Instant.parse(row.getString("started_at")),
                Instant.parse(row.getString("updated_at")), row.getLong("number_of_records"), row.getString("quality_json"),
                row.getString("error"));
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing after use: nothing left to lose
        }
    }
}
