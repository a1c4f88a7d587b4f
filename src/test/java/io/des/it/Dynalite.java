package io.des.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB API for tests: dynalite (npm, installed by {@code scripts/test.sh}) on a free
 * loopback port, in memory or, with a data directory, on LevelDB so it can be stopped and started
 * again with its tables. Tables become ACTIVE at once ({@code --createTableMs 0}).
 */
public final class Dynalite implements AutoCloseable {

    private static final String REGION = "us-east-1";

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param dataDir where dynalite keeps its tables, or null to keep them in memory */
    public static Dynalite start(Path dataDir, Path logFile) throws Exception {
        Path cli = Path.of(System.getProperty("des.project.dir", "."), "node_modules", "dynalite", "cli.js");
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed in " + cli.getParent()
                    + ": run the tests with scripts/test.sh (it runs npm ci)");
        }
        int port = EmulatorProcesses.freePort();
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (dataDir != null) {
            command.addAll(List.of("--path", dataDir.toString()));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        Dynalite dynalite = new Dynalite(process, port);
        dynalite.awaitAnswer(Duration.ofSeconds(30));
        return dynalite;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:41234}: what a configured endpoint would say. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The region its clients name (dynalite accepts any). */
    public String region() {
        return REGION;
    }

    /** A new client, as production builds one, pointed at this emulator with dummy credentials. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummyAccessKey", "dummySecretKey")))
                .build();
    }

    private void awaitAnswer(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        try (DynamoDbClient client = client()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dynalite exited with " + process.exitValue());
                }
                try {
                    client.listTables();
                    return;
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("dynalite did not answer on port " + port + " in " + timeout, last);
    }

    @Override
    public void close() {
        EmulatorProcesses.stop(process);
    }
}
