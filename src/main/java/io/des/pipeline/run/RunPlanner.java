package io.des.pipeline.run;

import io.des.pipeline.config.LoadMode;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.fetch.FileRows;
import io.des.pipeline.jdbc.JdbcConnections;
import io.des.pipeline.jdbc.SqlDialect;
import io.des.pipeline.load.Destination;
import io.des.pipeline.load.DestinationState;
import io.des.pipeline.window.RunErids;
import io.des.pipeline.window.RunWindow;
import io.des.pipeline.window.Watermark;
import io.des.pipeline.window.WindowPlanner;
import io.des.pipeline.window.WindowSql;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;

/**
 * Plans a pipeline's next run: its number, its window (from the last committed watermark, which a
 * database destination keeps with its rows, else the run ledger) and its ERID.
 */
final class RunPlanner {

    /** A planned run and how many rows its window held when planned (-1 for files, counted by the fetch). */
    record Plan(PipelineRun run, long windowRows, long rowsWithoutCursor) {}

    private RunPlanner() {}

    static Plan plan(PipelineFile pipeline, RunLedger ledger, boolean full, Instant now) throws Exception {
        Optional<DestinationState.Committed> inDestination = Destination.of(pipeline, 0).committed();
        Optional<PipelineRun> inLedger = ledger.lastCommitted(pipeline.name());
        Watermark committed = inDestination.map(DestinationState.Committed::watermark)
                .orElse(inLedger.map(run -> committedMark(run.window())).orElse(null));
        long runNumber = Math.max(ledger.nextRunNumber(pipeline.name()), inDestination.map(c -> c.runNumber() + 1).orElse(1L));
        if (!pipeline.source().endpoint().type().isDatabase()) {
            RunWindow window = new RunWindow(LoadMode.FULL, null, null, runNumber);
            String erid = RunErids.of(pipeline.tenant(), pipeline.name(), window, FileRows.fingerprint(pipeline.source().endpoint()));
            return new Plan(planned(pipeline, window, erid, now), -1, -1);
        }
        WindowSql sql = new WindowSql(SqlDialect.of(pipeline.source().endpoint().type()), pipeline.source().endpoint(), pipeline.load());
        try (Connection source = JdbcConnections.open(pipeline.source().endpoint())) {
            RunWindow window = WindowPlanner.plan(source, sql, pipeline.load(), committed, runNumber, full);
            long rows = WindowPlanner.count(source, sql, window);
            long withoutCursor = pipeline.load().cursor() == null ? -1 : WindowPlanner.rowsWithoutCursor(source, sql);
            return new Plan(planned(pipeline, window, RunErids.of(pipeline.tenant(), pipeline.name(), window), now), rows, withoutCursor);
        }
    }

    private static PipelineRun planned(PipelineFile pipeline, RunWindow window, String erid, Instant now) {
        return new PipelineRun(pipeline.name(), window.runNumber(), erid, window, RunPhase.PLANNED, now, now, 0, null, null);
    }

    /** The mark a committed run leaves for the next one: its high-water mark. */
    static Watermark committedMark(RunWindow window) {
        return window.through() != null ? window.through() : window.after();
    }
}
