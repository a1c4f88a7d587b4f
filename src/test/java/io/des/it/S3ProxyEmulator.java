package io.des.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 API for tests: s3proxy 2.4.1 ({@code jar-with-dependencies}, a test-scoped dependency so
 * Maven downloads it; kept off the test classpath) as a child JVM on a free loopback port, with the
 * in-memory {@code transient} provider and signed requests (v2 or v4), like S3 itself. One bucket
 * is created at start; everything is gone when it stops.
 */
public final class S3ProxyEmulator implements AutoCloseable {

    /** Test-only credentials: s3proxy checks signatures against them, as S3 would. */
    public static final String ACCESS_KEY = "des-test-access";
    public static final String SECRET_KEY = "des-test-secret";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final int port;
    private final String bucket;

    private S3ProxyEmulator(Process process, int port, String bucket) {
        this.process = process;
        this.port = port;
        this.bucket = bucket;
    }

    /** Starts s3proxy, waits until it answers, and creates {@code bucket}. */
    public static S3ProxyEmulator start(String bucket, Path workDir) throws Exception {
        Path jar = jar();
        int port = EmulatorProcesses.freePort();
        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
        properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        properties.setProperty("s3proxy.identity", ACCESS_KEY);
        properties.setProperty("s3proxy.credential", SECRET_KEY);
        properties.setProperty("jclouds.provider", "transient");
        // The transient provider ignores these, but jclouds wants them set.
        properties.setProperty("jclouds.identity", "unused");
        properties.setProperty("jclouds.credential", "unused");
        Files.createDirectories(workDir);
        Path propertiesFile = workDir.resolve("s3proxy.properties");
        try (var out = Files.newBufferedWriter(propertiesFile)) {
            properties.store(out, "s3proxy for DES tests");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx512m", "-jar", jar.toString(), "--properties", propertiesFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("s3proxy.log").toFile()))
                .start();
        S3ProxyEmulator emulator = new S3ProxyEmulator(process, port, bucket);
        emulator.awaitAnswer(Duration.ofSeconds(60));
        try (S3Client client = emulator.client()) {
            client.createBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** The jar Maven resolved: the build passes its path, else the default local repository holds it. */
    private static Path jar() throws IOException {
        String configured = System.getProperty("des.s3proxy.jar");
        Path jar = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "gaul", "s3proxy", "2.4.1",
                        "s3proxy-2.4.1-jar-with-dependencies.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("s3proxy is not in the local Maven repository (" + jar + "): "
                    + "run the tests through Maven, which resolves org.gaul:s3proxy:2.4.1:jar-with-dependencies");
        }
        return jar;
    }

    /** Where it listens, e.g. {@code http://127.0.0.1:41234}: what {@code --s3-endpoint} would say. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * A client pointed at this emulator: path-style (no bucket DNS names on loopback), and checksums
     * only where S3 requires them, since s3proxy 2.4.1 predates the SDK's default trailing checksums.
     */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    /** Uploads every file under {@code dir} to the same relative key under {@code keyPrefix} (e.g. {@code des/}). */
    public void uploadTree(Path dir, String keyPrefix) throws IOException {
        List<Path> files;
        try (Stream<Path> tree = Files.walk(dir)) {
            files = tree.filter(Files::isRegularFile).toList();
        }
        try (S3Client client = client()) {
            for (Path file : files) {
                String key = keyPrefix + dir.relativize(file).toString().replace('\\', '/');
                client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
            }
        }
    }

    private void awaitAnswer(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        try (S3Client client = client()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("s3proxy exited with " + process.exitValue());
                }
                try {
                    client.listBuckets();
                    return;
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("s3proxy did not answer on port " + port + " in " + timeout, last);
    }

    @Override
    public void close() {
        EmulatorProcesses.stop(process);
    }
}
