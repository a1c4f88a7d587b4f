package io.des.cli;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import io.des.pipeline.config.PipelineFileParser;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code des pipeline}: config-file pipelines that fetch rows from a database or files, enrich them
 * through DES and load them into a destination ({@code docs/pipelines.md}). Every command works
 * against the DES API at {@code --url} as the pipeline's tenant. The fetch and the load are Flink
 * jobs run in this process, so these commands need Flink on the class path: {@code scripts/des}
 * hands them to {@code scripts/des-pipeline}, which has it.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Config-file pipelines: fetch rows from a database or files, enrich them through DES, load a destination.",
        subcommands = {PipelineValidateCommand.class, PipelineRunCommand.class, PipelineStatusCommand.class,
                PipelineScheduleCommand.class, CommandLine.HelpCommand.class})
final class PipelineCommand {

    static final String STATE_VARIABLE = "DES_PIPELINE_STATE";

    @ParentCommand
    DesCommand des;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "the run ledger, staged and discarded rows (default: $" + STATE_VARIABLE + ", else ~/.des/pipelines)")
    Path stateDir;

    /** The pipeline file, read and checked whole, its variables from the environment. */
    PipelineFile read(Path file) throws PipelineFileException {
        return new PipelineFileParser(des.environment()::get).read(file);
    }

    Path stateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        String configured = des.environment().get(STATE_VARIABLE);
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".des", "pipelines");
    }
}
