package io.des.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The npm {@code standardwebhooks} reference library (installed by {@code scripts/test.sh}), run
 * by node through {@code src/test/resources/io/des/notify/standardwebhooks.js}: what a receiver's
 * code would conclude about a webhook DES sends.
 */
final class StandardWebhooksReference {

    /** The script's answer: its exit code (0 verified, 1 refused) and what it printed. */
    record Answer(int exitCode, String output) {
        boolean verified() {
            return exitCode == 0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectDir = Path.of(System.getProperty("des.project.dir", ".")).toAbsolutePath();
    private final Path workDir;

    StandardWebhooksReference(Path workDir) {
        this.workDir = workDir;
        Path library = projectDir.resolve("node_modules/standardwebhooks/package.json");
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("standardwebhooks is not installed in " + projectDir.resolve("node_modules")
                    + ": run the tests with scripts/test.sh (it runs npm ci)");
        }
    }

    /** {@code new Webhook(secret).verify(body, headers)}. */
    Answer verify(WebhookSecret secret, byte[] body, Map<String, String> headers) throws Exception {
        Path bodyFile = Files.write(Files.createTempFile(workDir, "body", ".bin"), body);
        Path headersFile = Files.createTempFile(workDir, "headers", ".json");
        JSON.writeValue(headersFile.toFile(), headers);
        return run(secret, List.of("verify", bodyFile.toString(), headersFile.toString()));
    }

    /** {@code new Webhook(secret).sign(id, timestamp, body)}: a {@code v1,<base64>} signature. */
    String sign(WebhookSecret secret, String id, long timestamp, byte[] body) throws Exception {
        Path bodyFile = Files.write(Files.createTempFile(workDir, "body", ".bin"), body);
        Answer answer = run(secret, List.of("sign", bodyFile.toString(), id, Long.toString(timestamp)));
        if (answer.exitCode() != 0) {
            throw new AssertionError("the reference library could not sign: " + answer.output());
        }
        return answer.output().strip();
    }

    private Answer run(WebhookSecret secret, List<String> arguments) throws IOException, InterruptedException {
        Path script = projectDir.resolve("src/test/resources/io/des/notify/standardwebhooks.js");
        List<String> command = new java.util.ArrayList<>(List.of("node", script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", projectDir.resolve("node_modules").toString());
        builder.environment().put("WEBHOOK_SECRET", secret.encoded());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not finish: " + output);
        }
        if (process.exitValue() > 1) {
            throw new AssertionError("the reference script failed (exit " + process.exitValue() + "): " + output);
        }
        return new Answer(process.exitValue(), output);
    }
}
