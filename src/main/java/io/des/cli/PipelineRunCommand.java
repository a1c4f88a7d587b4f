package io.des.cli;

import io.des.client.AwaitPolicy;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import io.des.pipeline.quality.QualityTable;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.run.FailureNotifier;
import io.des.pipeline.run.PipelineRun;
import io.des.pipeline.run.PipelineRunException;
import io.des.pipeline.run.PipelineRunner;
import io.des.pipeline.run.RunLedger;
import io.des.pipeline.run.RunPhase;
import io.des.pipeline.run.RunProgress;
import io.des.pipeline.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code des pipeline run FILE [--full]}: fetch → enrich → load, a bar (or plain lines) per phase,
 * the quality table at the end; exit 1 on failure, after the failure webhook, and the next run
 * resumes where this one stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a pipeline once: fetch its window, enrich it through DES, load the destination; resumes an unfinished run.")
final class PipelineRunCommand implements Callable<Integer> {

    @ParentCommand
    PipelineCommand pipeline;

    @Parameters(paramLabel = "FILE", description = "the pipeline file (YAML)")
    Path file;

    @Option(names = "--full", description = "read every row, whatever the pipeline's load mode (the watermark moves to the end)")
    boolean full;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT4H", converter = DurationConverter.class,
            description = "how long to wait for DES to enrich the run (default: ${DEFAULT-VALUE}); a run that times out resumes waiting")
    Duration wait;

    @Option(names = "--until", paramLabel = "PHASE", defaultValue = "committed", converter = PhaseConverter.class,
            description = "stop once the run has reached this phase: staged, submitted, enriched or committed (default);"
                    + " a later run resumes it. With a phase before committed, the last line printed is the run's ERID.")
    RunPhase until;

    @Override
    public Integer call() {
        PipelineFile checked;
        try {
            checked = pipeline.read(file);
        } catch (PipelineFileException e) {
            pipeline.des.err().println(e.getMessage());
            return ExitCode.ERROR;
        }
        return run(pipeline, checked, full, wait, until);
    }

    /** Runs {@code checked} once; {@code schedule} runs pipelines with it too. */
    static int run(PipelineCommand pipeline, PipelineFile checked, boolean full, Duration wait, RunPhase until) {
        DesCommand des = pipeline.des;
        RunSettings settings = new RunSettings(pipeline.stateDir(), des.url(), des.apiKey(),
                AwaitPolicy.defaults().withAttempts(6, Integer.MAX_VALUE).withTimeout(wait),
                StreamExecutionEnvironment::getExecutionEnvironment, Clock.systemUTC());
        try (RunLedger ledger = RunLedger.open(settings.stateDir())) {
            try {
                PipelineRun run = new PipelineRunner(checked, settings, ledger, new Phases(des)).run(full, until);
                des.out().println(checked.name() + " " + PipelineDescriptions.run(run));
                des.out().print(QualityTable.render(RunQuality.fromJson(run.qualityJson())));
                if (until != RunPhase.COMMITTED && run.erid() != null) {
                    des.out().println(run.erid()); // the last line, for an orchestrator to pass on
                }
                return ExitCode.OK;
            } catch (PipelineRunException e) {
                des.err().println("des: " + Errors.oneLine(e));
                if (des.verbose) {
                    e.printStackTrace(des.err());
                }
                PipelineRun failed = ledger.recent(checked.name(), 1).stream().findFirst().orElse(null);
                String undelivered = new FailureNotifier(Clock.systemUTC(), Duration.ofSeconds(2)).notify(checked, failed, e.getMessage());
                if (undelivered != null) {
                    des.err().println("des: the failure webhook was not delivered: " + undelivered);
                }
                return ExitCode.ERROR;
            }
        }
    }

    /** A run's phases on standard error: des's progress display for phases of known size, a line as each ends. */
    private static final class Phases implements RunProgress {

        private final DesCommand des;
        private Progress progress;

        Phases(DesCommand des) {
            this.des = des;
        }

        @Override
        public synchronized void started(String phase, long total) {
            if (total > 0) {
                progress = des.progress(phase, "rows", total);
            }
        }

        @Override
        public synchronized void advanced(String phase, long done) {
            if (progress != null) {
                progress.update(done);
            }
        }

        @Override
        public synchronized void finished(String phase, String summary) {
            if (progress != null) {
                progress.close();
                progress = null;
            }
            des.err().println(phase + ": " + summary);
        }
    }

    /** Phases by their lower-case names. */
    static final class PhaseConverter implements ITypeConverter<RunPhase> {
        @Override
        public RunPhase convert(String value) {
            return RunPhase.valueOf(value.trim().toUpperCase(Locale.ROOT));
        }
    }
}
