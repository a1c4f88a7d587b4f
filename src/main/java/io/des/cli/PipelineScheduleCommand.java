package io.des.cli;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import io.des.pipeline.schedule.CronSchedule;
import io.des.pipeline.schedule.PipelineScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code des pipeline schedule DIR}: runs every pipeline of a folder ({@code *.yaml}, {@code *.yml})
 * on its {@code schedule} (UTC) until stopped; a pipeline due while its previous run still goes is
 * skipped. Every file is checked first: one invalid file stops the scheduler before any run.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true, description = "Run every pipeline of a folder on its cron schedule (UTC).")
final class PipelineScheduleCommand implements Callable<Integer> {

    @ParentCommand
    PipelineCommand pipeline;

    @Parameters(paramLabel = "DIR", description = "a folder of pipeline files")
    Path dir;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class, description = "stop after this long (ISO-8601, e.g. PT1H); default: run until stopped")
    Duration runFor;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT4H", converter = DurationConverter.class, description = "per run, as for run --wait (default: ${DEFAULT-VALUE})")
    Duration wait;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Map<String, PipelineFile> pipelines = new LinkedHashMap<>();
        int invalid = 0;
        for (Path file : files()) {
            try {
                PipelineFile checked = pipeline.read(file);
                if (checked.schedule() == null) {
                    pipeline.des.err().println(file + ": no schedule; run it with des pipeline run");
                } else if (pipelines.putIfAbsent(checked.name(), checked) != null) {
                    pipeline.des.err().println(file + ": a second pipeline named " + checked.name());
                    invalid++;
                }
            } catch (PipelineFileException e) {
                pipeline.des.err().println(e.getMessage());
                invalid++;
            }
        }
        if (invalid > 0 || pipelines.isEmpty()) {
            pipeline.des.err().println("des pipeline: " + (invalid > 0 ? invalid + " invalid file(s) in " + dir : "no scheduled pipeline in " + dir));
            return ExitCode.ERROR;
        }
        Map<String, CronSchedule> schedules = new LinkedHashMap<>();
        pipelines.forEach((name, file) -> {
            schedules.put(name, file.schedule());
            pipeline.des.err().println("scheduled: " + PipelineDescriptions.pipeline(file));
        });
        ExecutorService executor = Executors.newCachedThreadPool();
        Instant end = runFor == null ? Instant.MAX : Instant.now().plus(runFor);
        try {
            new PipelineScheduler(schedules, name -> PipelineRunCommand.run(pipeline, pipelines.get(name), false, wait, io.des.pipeline.run.RunPhase.COMMITTED), Clock.systemUTC(),
                    duration -> Thread.sleep(runFor == null ? duration.toMillis()
                            : Math.min(duration.toMillis(), Math.max(1, Duration.between(Instant.now(), end).toMillis()))),
                    executor, pipeline.des.err()::println).runUntil(() -> !Instant.now().isBefore(end));
        } finally {
            executor.shutdown();
        }
        return ExitCode.OK;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
