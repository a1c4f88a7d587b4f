package io.des.pipeline.config;

import io.des.pipeline.schedule.CronSchedule;
import java.util.List;

/**
 * One pipeline, as its YAML file declares it, validated whole and with every variable filled in
 * (see {@link PipelineFileParser}).
 *
 * @param name {@code [a-z0-9_]{1,64}}: names the pipeline's runs, state and ERIDs
 * @param tenant the DES tenant the rows are enriched as
 * @param fieldsToEnrich enrichable fields, in file order, without repeats
 * @param schedule when {@code des pipeline schedule} runs it (UTC), or null
 * @param onFailure where a failed run is announced, or null
 * @param discardedRows a directory for the discarded-rows files, or null for the run's state directory
 */
public record PipelineFile(
        String name,
        String tenant,
        SourceSpec source,
        List<String> fieldsToEnrich,
        LoadSpec load,
        CronSchedule schedule,
        DestinationSpec destination,
        FailureWebhook onFailure,
        String discardedRows) {

    public PipelineFile {
        fieldsToEnrich = List.copyOf(fieldsToEnrich);
    }
}
