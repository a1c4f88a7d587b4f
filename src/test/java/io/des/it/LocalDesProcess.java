package io.des.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Local mode as a user runs it ({@code scripts/run-local.sh}: the same main class) in a child JVM
 * with this JVM's classpath, in the project directory (where the S3 plugin is built), its output in
 * a log file; so that a test can kill it with SIGKILL ({@code destroyForcibly}).
 */
final class LocalDesProcess {

    private LocalDesProcess() {}

    /**
     * @param args LocalDes's flags
     * @param environment added to the child's environment (e.g. {@code AWS_ACCESS_KEY_ID})
     */
    static Process start(List<String> args, Map<String, String> environment, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        for (String opens : System.getProperty("des.test.opens", "").split(" ")) {
            if (!opens.isBlank()) {
                command.add(opens);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.des.local.LocalDes");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Path.of(System.getProperty("des.project.dir", ".")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** A client of the child's API once {@code GET /status} answers 200; fails if the child exits first. */
    static DesClient awaitReady(int port, Process process) throws Exception {
        DesClient client = new DesClient(port);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("local DES exited with " + process.exitValue());
            }
            if (client.ready()) {
                return client;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("local DES was not ready in 2 minutes");
    }
}
