package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnrichmentSettingsTest {

    @Test
    void onlyTheEndpointIsRequiredAndEverythingElseHasItsDocumentedDefault() {
        EnrichmentSettings settings = EnrichmentSettings.fromProperties(properties("provider.endpoint", "http://localhost:8089/v1/lookup"));

        assertEquals("sandbox", settings.providerSpec().providerName());
        assertEquals("http://localhost:8089/v1/lookup",
                ((HttpJsonProviderSpec) settings.providerSpec().providers().get("sandbox")).endpoint());
        assertEquals(Duration.ofSeconds(2), settings.providerSpec().requestTimeout());
        assertEquals(Duration.ofSeconds(30), settings.asyncTimeout());
        assertEquals(100, settings.capacity());
        assertEquals(100_000, settings.backlog());
        assertEquals(RetryPolicy.defaults(), settings.providerSpec().limits().get("sandbox").retryPolicy());
        assertEquals(100, settings.providerSpec().limits().get("sandbox").maxInFlight(),
                "as many calls in flight as records released, as when the operator called it directly");
    }

    @Test
    void readsEveryKey() {
        EnrichmentSettings settings = EnrichmentSettings.fromProperties(properties(
                "provider.name", "acme-data",
                "provider.endpoint", "https://api.acme.example/lookup",
                "provider.request-timeout-ms", "750",
                "async.timeout-ms", "9000",
                "async.capacity", "32",
                "async.backlog", "5000",
                "retry.max-attempts", "6",
                "retry.initial-backoff-ms", "50",
                "retry.max-backoff-ms", "800"));

        assertEquals("acme-data", settings.providerSpec().providerName());
        assertEquals(Duration.ofMillis(750), settings.providerSpec().requestTimeout());
        assertEquals(Duration.ofMillis(9000), settings.asyncTimeout());
        assertEquals(32, settings.capacity());
        assertEquals(5000, settings.backlog());
        assertEquals(new RetryPolicy(6, Duration.ofMillis(50), Duration.ofMillis(800), 2.0),
                settings.providerSpec().limits().get("acme-data").retryPolicy());
    }

    @Test
    void missingEndpointIsNamed() {
        assertRejectedNaming("provider.endpoint", properties());
    }

    @Test
    void endpointThatIsNotHttpIsNamed() {
        assertRejectedNaming("provider.endpoint", properties("provider.endpoint", "file:///etc/passwd"));
    }

    @Test
    void nonNumericCapacityIsNamed() {
        assertRejectedNaming("async.capacity", withEndpoint("async.capacity", "lots"));
    }

    @Test
    void aBacklogOfZeroKeepsRecordsInTheNetworkBuffersAndANegativeOneIsNamed() {
        assertEquals(0, EnrichmentSettings.fromProperties(withEndpoint("async.backlog", "0")).backlog());
        assertRejectedNaming("async.backlog", withEndpoint("async.backlog", "-1"));
        assertRejectedNaming("async.backlog", withEndpoint("async.backlog", String.valueOf(Integer.MAX_VALUE)));
    }

    @Test
    void zeroAttemptsIsNamed() {
        assertRejectedNaming("retry.max-attempts", withEndpoint("retry.max-attempts", "0"));
    }

    @Test
    void maxBackoffBelowInitialBackoffIsNamed() {
        assertRejectedNaming("retry.max-backoff-ms", withEndpoint("retry.initial-backoff-ms", "500", "retry.max-backoff-ms", "100"));
    }

    @Test
    void asyncTimeoutNotAboveRequestTimeoutIsNamed() {
        assertRejectedNaming("async.timeout-ms", withEndpoint("provider.request-timeout-ms", "5000", "async.timeout-ms", "5000"));
    }

    @Test
    void waterfallAndAcceptanceKeysWithoutProvidersAreRefusedNotIgnored() {
        assertRejectedNaming("accept.professional_email.min-confidence",
                withEndpoint("accept.professional_email.min-confidence", "0.9"));
        assertRejectedNaming("accept.professional_email.statuses", withEndpoint("accept.professional_email.statuses", "valid"));
        assertRejectedNaming("waterfall.job_title", withEndpoint("waterfall.job_title", "sandbox"));
    }

    private static void assertRejectedNaming(String key, Properties properties) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EnrichmentSettings.fromProperties(properties));
        assertTrue(error.getMessage().contains("DesEnrich." + key + " "), error.getMessage());
    }

    private static Properties withEndpoint(String... keyValues) {
        Properties properties = properties(keyValues);
        properties.setProperty("provider.endpoint", "http://localhost:8089/v1/lookup");
        return properties;
    }

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }
}
