package io.des.cli;

import io.des.pipeline.quality.QualityTable;
import io.des.pipeline.quality.RunQuality;
import io.des.pipeline.run.PipelineRun;
import io.des.pipeline.run.RunLedger;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code des pipeline status NAME}: the pipeline's recent runs (window, erid, rows, outcome) and the latest run's quality figures. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Recent runs of a pipeline: window, erid, rows, outcome, quality figures.")
final class PipelineStatusCommand implements Callable<Integer> {

    @ParentCommand
    PipelineCommand pipeline;

    @Parameters(paramLabel = "NAME", description = "the pipeline's name (pipelineName)")
    String name;

    @Option(names = "--runs", defaultValue = "10", paramLabel = "N", description = "how many recent runs (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    public Integer call() {
        try (RunLedger ledger = RunLedger.open(pipeline.stateDir())) {
            List<PipelineRun> recent = ledger.recent(name, runs);
            if (recent.isEmpty()) {
                pipeline.des.err().println("des pipeline: no run of " + name + " in " + pipeline.stateDir());
                return ExitCode.ERROR;
            }
            recent.forEach(run -> pipeline.des.out().println(PipelineDescriptions.run(run)));
            PipelineRun latest = recent.get(0);
            pipeline.des.out().println();
            pipeline.des.out().println("run " + latest.runNumber() + ":");
            pipeline.des.out().print(QualityTable.render(RunQuality.fromJson(latest.qualityJson())));
            return ExitCode.OK;
        }
    }
}
