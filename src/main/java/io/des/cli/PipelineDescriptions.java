package io.des.cli;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.run.PipelineRun;

/** One-line descriptions of pipelines and runs for the commands' output. */
final class PipelineDescriptions {

    private PipelineDescriptions() {}

    static String pipeline(PipelineFile pipeline) {
        return pipeline.name() + " (tenant " + pipeline.tenant() + "): " + pipeline.source().endpoint().describe() + " → "
                + pipeline.destination().endpoint().describe() + " (" + pipeline.destination().write().name().toLowerCase()
                + "), " + pipeline.load().mode().name().toLowerCase()
                + (pipeline.load().incremental() ? " on (" + pipeline.load().cursor() + ", " + pipeline.load().tieBreaker() + ")" : "")
                + ", enriching " + String.join(", ", pipeline.fieldsToEnrich())
                + (pipeline.schedule() == null ? "" : ", schedule \"" + pipeline.schedule() + "\" UTC");
    }

    static String run(PipelineRun run) {
        return "run " + run.runNumber() + "  " + run.startedAt() + "  " + run.window().describe() + "  erid " + (run.erid() == null ? "-" : run.erid())
                + "  " + run.numberOfRecords() + " rows  " + run.outcome();
    }
}
