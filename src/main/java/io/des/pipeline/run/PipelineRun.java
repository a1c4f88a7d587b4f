package io.des.pipeline.run;

import io.des.pipeline.window.RunWindow;
import java.time.Instant;
import java.util.Objects;

/**
 * One run of one pipeline, as the run ledger keeps it.
 *
 * @param erid the run's ERID (derived from the window), null when there was nothing new
 * @param numberOfRecords rows staged and submitted: the ERID's total, fixed at {@link RunPhase#STAGED}
 * @param qualityJson the run's data-quality figures ({@link io.des.pipeline.quality.RunQuality}), or null
 * @param error why the last attempt failed, or null
 */
public record PipelineRun(
        String pipeline,
        long runNumber,
        String erid,
        RunWindow window,
        RunPhase phase,
        Instant startedAt,
        Instant updatedAt,
        long numberOfRecords,
        String qualityJson,
        String error) {

    public PipelineRun {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(phase, "phase");
    }

    /** The run moved to {@code next}; a stale error is cleared. */
    public PipelineRun movedTo(RunPhase next, Instant at) {
        if (!phase.canMoveTo(next)) {
            throw new IllegalStateException("run " + runNumber + " of " + pipeline + " cannot move from " + phase + " to " + next);
        }
        return new PipelineRun(pipeline, runNumber, erid, window, next, startedAt, at, numberOfRecords, qualityJson, null);
    }

    public PipelineRun withRecords(long records) {
        return new PipelineRun(pipeline, runNumber, erid, window, phase, startedAt, updatedAt, records, qualityJson, error);
    }

    public PipelineRun withQuality(String json) {
        return new PipelineRun(pipeline, runNumber, erid, window, phase, startedAt, updatedAt, numberOfRecords, json, error);
    }

    public PipelineRun failed(String reason, Instant at) {
        return new PipelineRun(pipeline, runNumber, erid, window, phase, startedAt, at, numberOfRecords, qualityJson, reason);
    }

    /** {@code committed}, {@code nothing new}, {@code failed at <phase>: reason} or {@code running (<phase>)}. */
    public String outcome() {
        if (phase == RunPhase.COMMITTED) {
            return "committed";
        }
        if (phase == RunPhase.NOTHING_NEW) {
            return "nothing new";
        }
        return error != null ? "failed after " + phase.key() + ": " + error : "in progress (" + phase.key() + ")";
    }
}
