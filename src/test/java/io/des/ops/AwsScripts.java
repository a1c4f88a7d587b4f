package io.des.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code scripts/aws/*.sh} with bash, with a fake {@code aws} and {@code mvn} first on the PATH:
 * each records its arguments, one call per line, and answers {@code describe-application} from the
 * statuses it is given, so a test sees every call a script made and no call reaches AWS or Maven.
 */
final class AwsScripts {

    /** What a script did: its exit code, standard output and error, and the calls that reached the fakes. */
    record Run(int exitCode, List<String> stdout, String stderr, List<String> calls) {}

    private final Path dir;

    AwsScripts(Path dir) {
        this.dir = dir;
    }

    /**
     * @param statuses the answers of successive status reads (the last one repeats); version reads answer 7
     */
    Run run(Map<String, String> env, List<String> statuses, String script, String... args)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls.log");
        Files.deleteIfExists(calls);
        Files.write(dir.resolve("statuses"), statuses);
        fake(bin.resolve("aws"), """
                #!/usr/bin/env bash
                echo "aws $*" >> "$FAKE_DIR/calls.log"
                if [ "$2" = describe-application ]; then
                  case "$*" in
                    *ApplicationVersionId*) echo 7 ;;
                    *ApplicationStatus*)
                      status="$(head -1 "$FAKE_DIR/statuses")"
                      [ "$(wc -l < "$FAKE_DIR/statuses")" -gt 1 ] && sed -i 1d "$FAKE_DIR/statuses"
                      echo "$status" ;;
                  esac
                fi
                """);
        fake(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "mvn $*" >> "$FAKE_DIR/calls.log"
                """);
        List<String> command = new ArrayList<>(List.of("bash", Path.of("scripts/aws", script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("FAKE_DIR", dir.toString());
        builder.environment().keySet().removeIf(key -> key.startsWith("DES_"));
        builder.environment().putAll(env);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within 60 s");
        }
        return new Run(process.exitValue(), Files.readAllLines(out), Files.readString(err),
                Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private static void fake(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
