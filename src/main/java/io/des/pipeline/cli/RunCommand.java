package io.des.pipeline.cli;

import io.des.client.AwaitPolicy;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import io.des.pipeline.quality.QualityTable;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.run.PipelineRun;
import io.des.pipeline.run.PipelineRunException;
import io.des.pipeline.run.PipelineRunner;
import io.des.pipeline.run.RunLedger;
import io.des.pipeline.run.RunPhase;
import io.des.pipeline.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code des pipeline run FILE [--full]}: fetch → enrich → load, one progress line or bar per
 * phase, the quality table at the end; exit 1 on failure (after the failure webhook), and the next
 * run resumes where this one stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline once: fetch its window, enrich it through DES, load the destination; resumes an unfinished run.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    PipelineCommand pipeline;

    @Parameters(paramLabel = "FILE", description = "the pipeline file (YAML)")
    Path file;

    @Option(names = "--full", description = "read every row, whatever the pipeline's load mode (the watermark moves to the end)")
    boolean full;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT4H",
            description = "how long to wait for DES to enrich the run (ISO-8601, default: ${DEFAULT-VALUE}); a run that times out resumes waiting")
    Duration wait;

    @Option(names = "--until", paramLabel = "PHASE", defaultValue = "committed", converter = PhaseConverter.class,
            description = "stop once the run has reached this phase: staged, submitted, enriched or committed (default);"
                    + " a later call resumes it. The last line printed is the run's ERID.")
    RunPhase until;

    @Override
    public Integer call() {
        PipelineFile checked;
        try {
            checked = pipeline.read(file);
        } catch (PipelineFileException e) {
            pipeline.err.println(e.getMessage());
            return 1;
        }
        return run(pipeline, checked, full, wait, until);
    }

    /** Phases by their lower-case names. */
    static final class PhaseConverter implements picocli.CommandLine.ITypeConverter<RunPhase> {
        @Override
        public RunPhase convert(String value) {
            return RunPhase.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Runs {@code checked} once; shared with {@code schedule}. */
    static int run(PipelineCommand pipeline, PipelineFile checked, boolean full, Duration wait, RunPhase until) {
        RunSettings settings = new RunSettings(pipeline.stateDir(), pipeline.url, pipeline.apiKey(),
                AwaitPolicy.defaults().withAttempts(6, Integer.MAX_VALUE).withTimeout(wait),
                StreamExecutionEnvironment::getExecutionEnvironment, Clock.systemUTC());
        try (RunLedger ledger = RunLedger.open(settings.stateDir())) {
            try {
                PipelineRun run = new PipelineRunner(checked, settings, ledger, new PhaseProgress(pipeline.err, pipeline.terminal)).run(full, until);
                pipeline.out.println(checked.name() + " " + Describe.run(run));
                pipeline.out.print(QualityTable.render(RunQuality.fromJson(run.qualityJson())));
                if (until != RunPhase.COMMITTED) {
                    pipeline.out.println(run.erid() == null ? "" : run.erid()); // the last line: the ERID, for an orchestrator to pass on
                }
                return 0;
            } catch (PipelineRunException e) {
                pipeline.err.println("des pipeline: " + e.getMessage());
                if (pipeline.verbose) {
                    e.printStackTrace(pipeline.err);
                }
                PipelineRun failed = ledger.recent(checked.name(), 1).stream().findFirst().orElse(null);
                String undelivered = new FailureNotifier(Clock.systemUTC(), Duration.ofSeconds(2)).notify(checked, failed, e.getMessage());
                if (undelivered != null) {
                    pipeline.err.println("des pipeline: the failure webhook was not delivered: " + undelivered);
                }
                return 1;
            }
        }
    }
}
