package io.des.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void anOpenApiIsRefusedOffLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--host", "0.0.0.0"}));
        assertTrue(e.getMessage().contains("without --tenants-file"), e.getMessage());
    }

    @Test
    void loopbackNeedsNoTenantsFile() {
        assertEquals("localhost", LocalOptions.parse(new String[] {"--host", "localhost"}).host);
        assertEquals("127.0.0.1", LocalOptions.parse(new String[] {}).host);
    }

    @Test
    void withATenantsFileAnyAddressMayBeBound() {
        LocalOptions options = LocalOptions.parse(new String[] {"--host", "0.0.0.0", "--tenants-file", "samples/tenants.json"});
        assertEquals(Path.of("samples/tenants.json"), options.tenantsFile);
    }

    @Test
    void theExpiryWindowIsAnIsoDurationForTheJobAndTheApiAlike() {
        assertEquals(Duration.ofDays(7), LocalOptions.parse(new String[] {}).eridExpiry.window());
        assertEquals(Duration.ofSeconds(30), LocalOptions.parse(new String[] {"--erid-expiry", "PT30S"}).eridExpiry.window());
    }

    @Test
    void jobMetricsDefaultToPrometheusPort9249AndTheApiTokenComesFromTheEnvironment() {
        LocalOptions defaults = LocalOptions.parse(new String[] {}, Map.of());
        assertEquals(9249, defaults.metricsPort);
        assertNull(defaults.metricsToken, "no token: GET /metrics is open, as local mode is");
        LocalOptions chosen = LocalOptions.parse(new String[] {"--metrics-port", "0"}, Map.of("DES_METRICS_TOKEN", " t0ken "));
        assertEquals(0, chosen.metricsPort, "a free port, printed at start");
        assertEquals("t0ken", chosen.metricsToken);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--metrics-port", "70000"}, Map.of()));
        assertTrue(e.getMessage().contains("--metrics-port"), e.getMessage());
    }

    @Test
    void aBadExpiryNamesTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--erid-expiry", "30s"}));
        assertTrue(e.getMessage().contains("--erid-expiry must be an ISO-8601 duration"), e.getMessage());
    }

    @Test
    void theWebhookDeadlineIsAnIsoDurationAndABadOneIsNamed() {
        assertEquals(java.time.Duration.ofHours(2), LocalOptions.parse(new String[] {"--webhook-deadline", "PT2H"}).webhookDeadline);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--webhook-deadline", "2 hours"}));
        assertTrue(e.getMessage().contains("--webhook-deadline"), e.getMessage());
    }

    private static final java.util.Map<String, String> CREDENTIALS =
            java.util.Map.of("AWS_ACCESS_KEY_ID", "test-access", "AWS_SECRET_ACCESS_KEY", "test-secret");

    @Test
    void s3StorageTakesItsCredentialsFromTheEnvironmentOnly() {
        LocalOptions options = LocalOptions.parse(new String[] {"--storage-uri", "s3://bucket/des", "--s3-endpoint", "http://127.0.0.1:9000"},
                CREDENTIALS);
        assertEquals(java.net.URI.create("s3://bucket/des"), options.storageUri);
        assertEquals(java.net.URI.create("http://127.0.0.1:9000"), options.s3Endpoint);
        assertEquals("test-access", options.s3Credentials.accessKeyId());
        assertTrue(!options.s3Credentials.toString().contains("test-secret"), "the secret never shows in a log line");

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--storage-uri", "s3://bucket/des"}, java.util.Map.of()));
        assertTrue(missing.getMessage().contains("AWS_ACCESS_KEY_ID"), missing.getMessage());
    }

    @Test
    void badS3FlagsAreRefusedNamingTheFlag() {
        for (String[] args : new String[][] {
                {"--storage-uri", "file:///tmp/x"}, {"--storage-uri", "s3:///no-bucket"}, {"--storage-uri", "s3://b/p?x=1"},
                {"--storage-uri", "s3://b", "--s3-endpoint", "ftp://127.0.0.1"}, {"--storage-uri", "s3://b", "--s3-endpoint", "http://k:s@127.0.0.1"},
                {"--s3-endpoint", "http://127.0.0.1:9000"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(args, CREDENTIALS),
                    String.join(" ", args));
            assertTrue(e.getMessage().contains("--storage-uri") || e.getMessage().contains("--s3-endpoint"), e.getMessage());
        }
        assertEquals(null, LocalOptions.parse(new String[] {}, CREDENTIALS).s3Credentials, "local storage reads no credentials");
    }

    @Test
    void theQueryEngineIsParquetUnlessDuckDbIsAskedForOnLocalStorage() {
        assertEquals(false, LocalOptions.parse(new String[] {}, CREDENTIALS).duckDb);
        assertEquals(true, LocalOptions.parse(new String[] {"--query-engine", "duckdb"}, CREDENTIALS).duckDb);

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--query-engine", "athena"}, CREDENTIALS));
        assertTrue(unknown.getMessage().contains("--query-engine must be one of parquet, duckdb"), unknown.getMessage());
        IllegalArgumentException onS3 = assertThrows(IllegalArgumentException.class, () -> LocalOptions.parse(
                new String[] {"--storage-uri", "s3://bucket/des", "--query-engine", "duckdb"}, CREDENTIALS));
        assertTrue(onS3.getMessage().contains("local storage only"), onS3.getMessage());
    }
}
