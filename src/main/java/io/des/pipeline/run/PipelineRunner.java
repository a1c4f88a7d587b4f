package io.des.pipeline.run;

import io.des.client.DesClient;
import io.des.client.EridStatus;
import io.des.client.SubmitOptions;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.load.Destination;
import io.des.pipeline.load.LoadJob;
import io.des.pipeline.load.OutputShape;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.window.Watermark;
import io.des.serve.EridState;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a pipeline once: plans the run (or resumes the unfinished one), fetches and stages its
 * window, submits the staged rows to DES under the run's ERID, waits for DES to complete it, loads
 * the enriched rows and commits them with the watermark. Each phase is recorded in the run ledger
 * when it is done; a failure leaves the run at its last phase with the reason, and the next call
 * resumes it there with the same window and ERID, so every row is loaded exactly once.
 */
public final class PipelineRunner {

    private final PipelineFile pipeline;
    private final RunSettings settings;
    private final RunLedger ledger;
    private final RunProgress progress;
    private final DesClient des;

    public PipelineRunner(PipelineFile pipeline, RunSettings settings, RunLedger ledger, RunProgress progress) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.ledger = ledger;
        this.progress = progress;
        DesClient.Builder client = DesClient.builder().url(settings.desUrl());
        if (settings.apiKey() != null) {
            client.apiKey(settings.apiKey());
        }
        this.des = client.build();
    }

    /**
     * @param full read every row, whatever the pipeline's mode (applies to a new run; an
     *     unfinished run is resumed with its own window first)
     * @return the run, committed or with nothing new
     * @throws PipelineRunException naming the phase and the reason; the run is resumable
     */
    public PipelineRun run(boolean full) throws PipelineRunException {
        return run(full, RunPhase.COMMITTED);
    }

    /**
     * As {@link #run(boolean)}, stopping once the run has reached {@code until}: an orchestrator
     * (Airflow) runs the phases as separate tasks, passing the ERID from the first to the next.
     */
    public PipelineRun run(boolean full, RunPhase until) throws PipelineRunException {
        try (RunLock lock = RunLock.tryAcquire(settings.stateDir(), pipeline.name()).orElseThrow(() ->
                new IllegalStateException("another run of " + pipeline.name() + " is in progress"))) {
            return runLocked(full, until);
        } catch (PipelineRunException e) {
            throw e;
        } catch (Exception e) {
            throw new PipelineRunException(pipeline.name() + ": " + PipelineRunException.reason(e), e);
        }
    }

    private PipelineRun runLocked(boolean full, RunPhase until) throws PipelineRunException {
        Optional<PipelineRun> unfinished = ledger.unfinished(pipeline.name());
        PipelineRun run = unfinished.orElse(null);
        RunQuality quality = RunQuality.empty();
        try {
            if (run == null) {
                progress.started("plan", -1);
                RunPlanner.Plan plan = RunPlanner.plan(pipeline, ledger, full, settings.clock().instant());
                run = plan.run();
                quality = quality.withRead(RunQuality.Side.NONE, plan.rowsWithoutCursor());
                run = run.withQuality(quality.toJson());
                ledger.save(run);
                progress.finished("plan", "run " + run.runNumber() + ", " + run.window().describe()
                        + (plan.windowRows() >= 0 ? ", " + plan.windowRows() + " rows" : "") + ", erid " + run.erid());
                if (plan.windowRows() == 0) {
                    return save(run.movedTo(RunPhase.NOTHING_NEW, settings.clock().instant()));
                }
            } else {
                quality = RunQuality.fromJson(run.qualityJson());
                progress.finished("resume", "run " + run.runNumber() + " at " + run.phase().key() + ", erid " + run.erid());
            }
            RunFiles files = new RunFiles(settings.stateDir(), pipeline, run.runNumber());
            if (run.phase() == RunPhase.PLANNED && until.ordinal() > RunPhase.PLANNED.ordinal()) {
                run = new FetchPhase(pipeline, settings, files, progress).fetch(run, quality);
                quality = RunQuality.fromJson(run.qualityJson());
                save(run);
            }
            if (run.phase() == RunPhase.STAGED && until.ordinal() > RunPhase.STAGED.ordinal()) {
                run = submit(run, files);
            }
            if (run.phase() == RunPhase.SUBMITTED && until.ordinal() > RunPhase.SUBMITTED.ordinal()) {
                run = await(run, quality);
                quality = RunQuality.fromJson(run.qualityJson());
            }
            if (run.phase() == RunPhase.ENRICHED && until.ordinal() > RunPhase.ENRICHED.ordinal()) {
                run = load(run, quality, files);
            }
            return run;
        } catch (Exception e) {
            String reason = PipelineRunException.reason(e);
            if (run != null) {
                save(run.failed(reason, settings.clock().instant()));
            }
            throw new PipelineRunException(pipeline.name() + (run == null ? "" : " run " + run.runNumber() + " (after "
                    + run.phase().key() + ")") + ": " + reason, e);
        }
    }

    private PipelineRun submit(PipelineRun run, RunFiles files) throws Exception {
        if (run.numberOfRecords() == 0) {
            return save(run.movedTo(RunPhase.SUBMITTED, settings.clock().instant())); // every row was discarded: nothing to enrich
        }
        progress.started("submit", run.numberOfRecords());
        des.submit(run.erid(), run.numberOfRecords(), files.staged().iterator(), pipeline.fieldsToEnrich(), SubmitOptions.defaults()
                .withMetadata(Map.of("pipeline", pipeline.name(), "run", run.runNumber()))
                .withOnAccepted(accepted -> progress.advanced("submit", accepted)));
        progress.finished("submit", run.numberOfRecords() + " rows submitted as erid " + run.erid());
        return save(run.movedTo(RunPhase.SUBMITTED, settings.clock().instant()));
    }

    private PipelineRun await(PipelineRun run, RunQuality quality) throws Exception {
        if (run.numberOfRecords() == 0) {
            return save(run.movedTo(RunPhase.ENRICHED, settings.clock().instant()));
        }
        progress.started("enrich", run.numberOfRecords());
        EridStatus status = des.await(run.erid(), settings.await(), seen -> progress.advanced("enrich", seen.recordsCommitted()));
        if (status.state() != EridState.COMPLETED) {
            throw new IllegalStateException("DES has not completed erid " + run.erid() + ": it is " + status.state().wireName() + " with "
                    + status.recordsCommitted() + " of " + run.numberOfRecords() + " records committed"
                    + (status.state() == EridState.EXPIRED ? " (expired: its records can no longer be completed)" : "; run again to keep waiting"));
        }
        progress.finished("enrich", status.recordsCommitted() + " rows enriched");
        return save(run.withQuality(quality.withFields(status.fields()).toJson()).movedTo(RunPhase.ENRICHED, settings.clock().instant()));
    }

    private PipelineRun load(PipelineRun run, RunQuality quality, RunFiles files) throws Exception {
        Destination destination = Destination.of(pipeline, run.runNumber());
        Watermark watermark = pipeline.load().cursor() == null ? null : RunPlanner.committedMark(run.window());
        boolean alreadyCommitted = destination.committed().map(c -> c.runNumber() == run.runNumber()).orElse(false);
        if (!alreadyCommitted) {
            progress.started("load", run.numberOfRecords());
            // When DES completed the ERID: the same for every row and every retry of the load.
            java.time.Instant completedAt = run.numberOfRecords() == 0 ? run.updatedAt()
                    : Optional.ofNullable(des.status(run.erid()).completedAt()).orElse(run.updatedAt());
            OutputShape shape = OutputShape.of(pipeline, destination.prepare(), LocalDateTime.ofInstant(completedAt, ZoneOffset.UTC).toString());
            LoadJob.Result result = run.numberOfRecords() == 0 ? new LoadJob.Result(0, 0, 0, Map.of(), Map.of())
                    : LoadJob.fromDes(settings.desUrl(), settings.apiKey(), run.erid(), shape, destination, files.discarded().toString())
                            .run(flink(), "des-pipeline-load-" + pipeline.name() + "-run" + run.runNumber());
            quality = quality.withWrite(new RunQuality.Side(result.rowsWritten(), result.distinctKeys(), result.nullsWritten(),
                    result.discarded()));
            destination.commit(run.runNumber(), run.erid(), watermark, settings.clock().instant());
            progress.finished("load", result.rowsWritten() + " rows written to " + pipeline.destination().endpoint().describe());
        }
        return save(run.withQuality(quality.toJson()).movedTo(RunPhase.COMMITTED, settings.clock().instant()));
    }

    private org.apache.flink.streaming.api.environment.StreamExecutionEnvironment flink() {
        return settings.flink().get();
    }

    private PipelineRun save(PipelineRun run) {
        ledger.save(run);
        return run;
    }

    /** Where a run keeps its files under the state directory. */
    record RunFiles(Path stateDir, PipelineFile pipeline, long runNumber) {

        Path dir() {
            return stateDir.resolve(pipeline.name()).resolve("run-" + runNumber);
        }

        Path stagedDir() {
            return dir().resolve("staged");
        }

        io.des.pipeline.fetch.StagedContacts staged() throws java.io.IOException {
            return io.des.pipeline.fetch.StagedContacts.in(stagedDir().toString());
        }

        Path discarded() {
            Path root = pipeline.discardedRows() == null ? stateDir.resolve(pipeline.name()).resolve("discarded")
                    : Path.of(pipeline.discardedRows());
            return root.resolve("run-" + runNumber);
        }
    }
}
