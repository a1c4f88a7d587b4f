package io.des.cli;

import io.des.client.DesClient;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code des}, DES's command line: submit a file of contacts, follow its ERID, download its rows.
 * A subcommand is added by naming its class in {@code subcommands}; it reaches the global options,
 * the client and the output streams through {@code @ParentCommand DesCommand des}.
 *
 * <p>Errors are one line on standard error naming what is at fault ({@code contacts.csv:17: 3
 * columns, header has 4}); {@code --verbose} adds the stack trace. Exit codes: {@link ExitCode}.
 */
@Command(name = "des", mixinStandardHelpOptions = true, version = "des 0.1.0",
        description = "DES from the command line: submit contacts, follow an enrichment request (ERID), download its rows.",
        subcommands = {SubmitCommand.class, StatusCommand.class, ListCommand.class, WaitCommand.class, GetCommand.class,
                PipelineCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (wait: completed)", "1:error", "2:the ERID expired", "3:timed out while incomplete"})
public final class DesCommand implements Callable<Integer> {

    @Option(names = "--url", scope = ScopeType.INHERIT, defaultValue = DesClient.DEFAULT_URL, paramLabel = "URL",
            description = "DES's API (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--api-key", scope = ScopeType.INHERIT, paramLabel = "KEY",
            description = "API key (default: the DES_API_KEY environment variable; none in local mode without a tenants file)")
    String apiKey;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "print stack traces with errors")
    boolean verbose;

    private PrintStream out;
    private PrintStream err;
    private Map<String, String> environment;
    private boolean terminal;

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "io/des/cli/log4j2-cli.properties");
        }
        System.exit(run(args, System.out, System.err, System.getenv(), System.console() != null));
    }

    /**
     * Runs one command line; the process entry point and the tests' alike.
     *
     * @param terminal whether standard error is a terminal, which gets redrawn progress bars instead of lines
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment, boolean terminal) {
        DesCommand des = new DesCommand();
        des.out = out;
        des.err = err;
        des.environment = environment;
        des.terminal = terminal;
        CommandLine line = new CommandLine(des);
        line.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println("des: " + Errors.oneLine(e));
            if (des.verbose) {
                e.printStackTrace(err);
            }
            return ExitCode.ERROR;
        });
        onInvalidInputExit(line, ExitCode.ERROR);
        return line.execute(args);
    }

    /** Bad options are errors (1), not picocli's 2, which {@code des wait} gives to an expired ERID. */
    private static void onInvalidInputExit(CommandLine line, int code) {
        line.getCommandSpec().exitCodeOnInvalidInput(code);
        line.getSubcommands().values().forEach(sub -> onInvalidInputExit(sub, code));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return ExitCode.ERROR;
    }

    /** A client of {@code --url} with {@code --api-key} (or {@code DES_API_KEY}). */
    public DesClient client() {
        String key = apiKey != null ? apiKey : environment.get(DesClient.API_KEY_VARIABLE);
        return DesClient.builder().url(url).apiKey(key == null ? "" : key).build();
    }

    /** {@code --url}. */
    public String url() {
        return url;
    }

    /** {@code --api-key}, else {@code DES_API_KEY}, else null. */
    public String apiKey() {
        return apiKey != null ? apiKey : environment.get(DesClient.API_KEY_VARIABLE);
    }

    /** The process's environment (the tests pass their own). */
    Map<String, String> environment() {
        return environment;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** A progress display on standard error: a bar on a terminal, plain lines elsewhere. */
    Progress progress(String task, String unit, long total) {
        return Progress.of(task, unit, total, err, terminal);
    }
}
