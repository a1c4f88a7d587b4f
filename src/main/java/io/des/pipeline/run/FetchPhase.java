package io.des.pipeline.run;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.fetch.ContactShape;
import io.des.pipeline.fetch.FetchJob;
import io.des.pipeline.fetch.FileRows;
import io.des.pipeline.fetch.JdbcRows;
import io.des.pipeline.fetch.RowSource;
import io.des.pipeline.jdbc.JdbcConnections;
import io.des.pipeline.jdbc.SqlDialect;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.window.WindowSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The fetch phase of a run: plans the source's splits, runs the fetch job into a clean staging
 * directory (what an interrupted attempt left is removed first) and fixes the run's
 * {@code number_of_records} as the count staged.
 */
final class FetchPhase {

    private final PipelineFile pipeline;
    private final RunSettings settings;
    private final PipelineRunner.RunFiles files;
    private final RunProgress progress;

    FetchPhase(PipelineFile pipeline, RunSettings settings, PipelineRunner.RunFiles files, RunProgress progress) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.files = files;
        this.progress = progress;
    }

    PipelineRun fetch(PipelineRun run, RunQuality quality) throws Exception {
        progress.started("fetch", -1);
        deleteTree(files.stagedDir());
        deleteTree(files.discarded());
        ContactShape shape = ContactShape.of(pipeline.source());
        StreamExecutionEnvironment env = settings.flink().get();
        env.setParallelism(pipeline.source().parallelism());
        FetchJob.Result result = new FetchJob(source(run, shape), shape, files.stagedDir().toString(), files.discarded().toString())
                .run(env, "des-pipeline-fetch-" + pipeline.name() + "-run" + run.runNumber());
        long staged = files.staged().count();
        if (staged != result.staged()) {
            throw new IllegalStateException("the fetch counted " + result.staged() + " rows but staged " + staged);
        }
        RunQuality read = quality.withRead(new RunQuality.Side(result.rowsRead(), result.distinctKeys(), result.nullsRead(),
                result.discarded()), quality.rowsWithoutCursor());
        progress.finished("fetch", result.rowsRead() + " rows read, " + staged + " staged, " + read.read().discardedRows()
                + " discarded" + (read.read().discardedRows() > 0 ? " (see " + files.discarded() + ")" : ""));
        return run.withRecords(staged).withQuality(read.toJson()).movedTo(RunPhase.STAGED, settings.clock().instant());
    }

    private RowSource source(PipelineRun run, ContactShape shape) throws Exception {
        if (!pipeline.source().endpoint().type().isDatabase()) {
            return FileRows.plan(pipeline.source().endpoint(), shape);
        }
        WindowSql sql = new WindowSql(SqlDialect.of(pipeline.source().endpoint().type()), pipeline.source().endpoint(), pipeline.load());
        try (Connection source = JdbcConnections.open(pipeline.source().endpoint())) {
            return JdbcRows.plan(source, pipeline.source().endpoint(), sql, run.window(), shape, pipeline.source().parallelism());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
