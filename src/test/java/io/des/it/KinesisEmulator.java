package io.des.it;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A real Kinesis API for integration tests: the kinesis-local emulator (npm), installed by
 * {@code scripts/test.sh}, started on a free port with one stream.
 */
final class KinesisEmulator implements AutoCloseable {

    static final String ACCESS_KEY = "dummyAccessKey";
    static final String SECRET_KEY = "dummySecretKey";
    static final String REGION = "us-east-1";

    private final Process process;
    private final int port;
    final String streamName;

    private KinesisEmulator(Process process, int port, String streamName) {
        this.process = process;
        this.port = port;
        this.streamName = streamName;
    }

    static KinesisEmulator start(String streamName, int shards, Path logFile) throws Exception {
        Path packageDir = Path.of(System.getProperty("des.project.dir", "."), "node_modules", "kinesis-local");
        if (!Files.isRegularFile(packageDir.resolve("main.js"))) {
            throw new IllegalStateException("kinesis-local is not installed in " + packageDir
                    + ": run the tests with scripts/test.sh (it runs npm ci)");
        }
        int port = EmulatorProcesses.freePort();
        int tlsPort = EmulatorProcesses.freePort();
        ProcessBuilder builder = new ProcessBuilder("node", "main.js")
                .directory(packageDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("KINESIS_MOCK_PLAIN_PORT", String.valueOf(port));
        builder.environment().put("KINESIS_MOCK_TLS_PORT", String.valueOf(tlsPort));
        builder.environment().put("INITIALIZE_STREAMS", streamName + ":" + shards);
        builder.environment().put("LOG_LEVEL", "WARN");
        KinesisEmulator emulator = new KinesisEmulator(builder.start(), port, streamName);
        emulator.awaitStreamActive(Duration.ofSeconds(60));
        return emulator;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    KinesisClient client() {
        return KinesisClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Properties for the job's FlinkKinesisConsumer against this emulator. */
    Properties consumerProperties() {
        Properties properties = new Properties();
        properties.setProperty("aws.region", REGION);
        properties.setProperty("aws.endpoint", endpoint().toString());
        properties.setProperty("aws.credentials.provider", "BASIC");
        properties.setProperty("aws.credentials.provider.basic.accesskeyid", ACCESS_KEY);
        properties.setProperty("aws.credentials.provider.basic.secretkey", SECRET_KEY);
        properties.setProperty("flink.stream.initpos", "TRIM_HORIZON");
        properties.setProperty("flink.shard.getrecords.intervalmillis", "50");
        return properties;
    }

    private void awaitStreamActive(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        try (KinesisClient client = client()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kinesis-local exited with " + process.exitValue());
                }
                try {
                    StreamStatus status = client.describeStreamSummary(
                            DescribeStreamSummaryRequest.builder().streamName(streamName).build())
                            .streamDescriptionSummary().streamStatus();
                    if (status == StreamStatus.ACTIVE) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(250);
            }
        }
        close();
        throw new IllegalStateException("kinesis-local did not make stream " + streamName + " active in " + timeout, last);
    }

    @Override
    public void close() {
        EmulatorProcesses.stop(process);
    }
}
