package io.des.cli;

import io.des.client.DesClient;
import io.des.client.DesException;
import io.des.client.EridStatus;
import io.des.serve.EridState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code des get ERID -o FILE}: every row of a completed ERID into one file. The file appears only
 * once it is whole (written beside it, then renamed), so a failure never leaves half a result.
 */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Writes every row of a completed ERID to FILE.")
final class GetCommand implements Callable<Integer> {

    @ParentCommand
    DesCommand des;

    @Parameters(index = "0", paramLabel = "ERID")
    String erid;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the file to write")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "${COMPLETION-CANDIDATES} (default: from FILE's ending)")
    RowFormat format;

    @Override
    public Integer call() throws IOException {
        RowFormat chosen = format != null ? format : RowFormat.ofFileName(output);
        if (chosen == null) {
            throw new IllegalArgumentException(output + ": say --format csv, jsonl or parquet (the file name's ending tells none)");
        }
        DesClient client = des.client();
        EridStatus status = client.status(erid);
        if (status.state() != EridState.COMPLETED) {
            throw new DesException(StatusCommand.summary(status) + ": only a completed ERID has rows (des wait " + status.erid() + ")");
        }
        Path absolute = output.toAbsolutePath();
        Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
        long written = 0;
        try (Stream<Map<String, Object>> rows = client.rows(status.erid());
                Progress bar = des.progress("downloaded", "rows", status.recordsCommitted());
                RowWriter writer = chosen.open(partial, status, client::tenant)) {
            for (Iterator<Map<String, Object>> it = rows.iterator(); it.hasNext(); ) {
                writer.write(it.next());
                bar.update(++written);
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        if (written != status.recordsCommitted()) {
            Files.deleteIfExists(partial);
            throw new DesException("DES served " + written + " rows of " + status.recordsCommitted() + " for " + status.erid());
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        des.err().println("wrote " + written + " rows to " + output);
        return ExitCode.OK;
    }
}
