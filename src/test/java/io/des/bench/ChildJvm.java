package io.des.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one workload of the benchmark in a fresh JVM with this JVM's flags and classpath, and relays
 * its JSON lines. A fresh process is the only way to read a workload's own peak RSS: the kernel's
 * high-water mark cannot be reset.
 */
final class ChildJvm {

    private ChildJvm() {}

    static void run(String... benchArgs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Bench.class.getName());
        command.addAll(List.of(benchArgs));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                JsonLine.relay(line);
            }
        }
        int exit = child.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("benchmark child " + List.of(benchArgs) + " exited with " + exit);
        }
    }
}
