package io.des.pipeline.cli;

import io.des.client.DesClient;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileException;
import io.des.pipeline.config.PipelineFileParser;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code des pipeline}: config-file pipelines that fetch rows from a database or files, enrich them
 * through DES and load them into a destination. Every command works against the DES API at
 * {@code --url} (a running local mode by default) as the pipeline's tenant.
 *
 * <p>Exit codes: 0 done, 1 an invalid file, a failed run or any other error.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Config-file pipelines: fetch rows from a database or files, enrich them through DES, load a destination.",
        subcommands = {ValidateCommand.class, RunCommand.class, StatusCommand.class, ScheduleCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:an invalid file, a failed run, any other error"})
public final class PipelineCommand {

    static final String STATE_VARIABLE = "DES_PIPELINE_STATE";

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = DesClient.DEFAULT_URL, paramLabel = "URL",
            description = "DES's API (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "the pipeline tenant's API key (default: the DES_API_KEY environment variable; none for local mode's default tenant)")
    String apiKey;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "the run ledger, staged and discarded rows (default: $" + STATE_VARIABLE + ", else ~/.des/pipelines)")
    Path stateDir;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces with errors")
    boolean verbose;

    PrintStream out;
    PrintStream err;
    Map<String, String> environment;
    boolean terminal;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), System.console() != null));
    }

    /** Runs one command line; the process entry point and the tests' alike. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
        PipelineCommand pipeline = new PipelineCommand();
        pipeline.out = out;
        pipeline.err = err;
        pipeline.environment = environment;
        pipeline.terminal = terminal;
        CommandLine line = new CommandLine(pipeline);
        line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println("des pipeline: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (pipeline.verbose) {
                e.printStackTrace(err);
            }
            return 1;
        });
        line.getCommandSpec().exitCodeOnInvalidInput(1);
        line.getSubcommands().values().forEach(sub -> sub.getCommandSpec().exitCodeOnInvalidInput(1));
        return line.execute(args);
    }

    /** The pipeline file, read and checked whole; problems are printed, one per line, with the file's name. */
    PipelineFile read(Path file) throws PipelineFileException {
        return new PipelineFileParser(environment::get).read(file);
    }

    Path stateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        String configured = environment.get(STATE_VARIABLE);
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".des", "pipelines");
    }

    String apiKey() {
        return apiKey != null ? apiKey : environment.get(DesClient.API_KEY_VARIABLE);
    }
}
