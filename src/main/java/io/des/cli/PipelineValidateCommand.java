package io.des.cli;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code des pipeline validate FILE…}: reads each file whole and reports every problem, connecting to nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check pipeline files: every problem with its path in the file; nothing is connected to.")
final class PipelineValidateCommand implements Callable<Integer> {

    @ParentCommand
    PipelineCommand pipeline;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pipeline files (YAML)")
    List<Path> files;

    @Override
    public Integer call() {
        int invalid = 0;
        for (Path file : files) {
            try {
                PipelineFile checked = pipeline.read(file);
                pipeline.des.out().println(file + ": ok: " + PipelineDescriptions.pipeline(checked));
            } catch (PipelineFileException e) {
                pipeline.des.err().println(e.getMessage());
                invalid++;
            }
        }
        return invalid == 0 ? ExitCode.OK : ExitCode.ERROR;
    }
}
