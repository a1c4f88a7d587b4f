package io.des.local.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SandboxProviderServerTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final String LOOKUP =
            "{\"contact\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"company_name\":\"Acme\"},"
                    + "\"fields\":[\"professional_email\"]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void latencyDoesNotSerialiseConcurrentRequests() throws Exception {
        int requests = 16;
        long latencyMillis = 400;
        SandboxBehaviour slow = SandboxBehaviour.builder().latency(Duration.ofMillis(latencyMillis)).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, slow)) {
            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                responses.add(client.sendAsync(lookupRequest(sandbox, LOOKUP), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get(30, TimeUnit.SECONDS).statusCode());
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertTrue(elapsedMillis >= latencyMillis, "responses must wait for the latency, took " + elapsedMillis);
            assertTrue(elapsedMillis < requests * latencyMillis / 4,
                    requests + " requests of " + latencyMillis + " ms took " + elapsedMillis + " ms: served one by one");
            assertEquals(requests, sandbox.callsReceived());
        }
    }

    @Test
    void errorRateOfOneAnswersEveryLookupWith503() throws Exception {
        SandboxBehaviour broken = SandboxBehaviour.builder().errorRate(1.0).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, broken)) {
            for (int i = 0; i < 3; i++) {
                assertEquals(503, send(sandbox, LOOKUP).statusCode());
            }
            assertEquals(3, sandbox.callsReceived());
        }
    }

    @Test
    void malformedLookupIsRejectedWith400() throws Exception {
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved())) {
            assertEquals(400, send(sandbox, "{\"contact\": 1}").statusCode());
            assertEquals(400, send(sandbox, "not json").statusCode());
        }
    }

    @Test
    void behaviourRejectsRatesOutsideTheUnitIntervalNamingTheSetting() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SandboxBehaviour.builder().notFoundRate(1.5).build());

        assertTrue(error.getMessage().contains("not-found-rate"), error.getMessage());
    }

    @Test
    void behaviourFromPropertiesNamesTheUnreadableKey() {
        Properties properties = new Properties();
        properties.setProperty(SandboxBehaviour.ERROR_RATE, "often");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SandboxBehaviour.fromProperties(properties));

        assertTrue(error.getMessage().contains("error-rate"), error.getMessage());
    }

    @Test
    void behaviourFromPropertiesReadsEverySetting() {
        Properties properties = new Properties();
        properties.setProperty("latency-ms", "25");
        properties.setProperty("not-found-rate", "0.25");
        properties.setProperty("error-rate", "0.5");
        properties.setProperty("seed", "7");

        SandboxBehaviour behaviour = SandboxBehaviour.fromProperties(properties);

        assertEquals(Duration.ofMillis(25), behaviour.latency());
        assertEquals(0.25, behaviour.notFoundRate());
        assertEquals(0.5, behaviour.errorRate());
        assertEquals(7, behaviour.seed());
    }

    @Test
    void throttlingBurstsAnswer429WithRetryAfter() throws Exception {
        SandboxBehaviour bursty = SandboxBehaviour.builder().throttleBursts(4, 2).retryAfterSeconds(3).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, bursty)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> response = send(sandbox, LOOKUP);
                statuses.add(response.statusCode());
                if (response.statusCode() == 429) {
                    assertEquals("3", response.headers().firstValue("Retry-After").orElse(null));
                }
            }
            assertEquals(List.of(429, 429, 200, 200, 429, 429, 200, 200), statuses);
        }
    }

    @Test
    void requestsBeyondTheRateLimitAreRefusedAndCounted() throws Exception {
        SandboxBehaviour limited = SandboxBehaviour.builder().rateLimitRps(2).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, limited)) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(send(sandbox, LOOKUP).statusCode());
            }
            assertTrue(statuses.subList(0, 2).stream().allMatch(status -> status == 200), statuses::toString);
            assertTrue(statuses.contains(429), statuses::toString);
            assertEquals(statuses.stream().filter(status -> status == 429).count(), sandbox.rateLimitViolations());
        }
    }

    @Test
    void lookupsAreCountedPerContactWhateverTheAttributeOrder() throws Exception {
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved())) {
            send(sandbox, LOOKUP);
            send(sandbox, "{\"contact\":{\"company_name\":\"Acme\",\"last_name\":\"Lovelace\",\"first_name\":\"Ada\"},"
                    + "\"fields\":[\"job_title\"]}");

            assertEquals(2, sandbox.lookupsOf(java.util.Map.of(
                    "first_name", "Ada", "last_name", "Lovelace", "company_name", "Acme")));
            assertEquals(0, sandbox.lookupsOf(java.util.Map.of("first_name", "Grace")));
        }
    }

    @Test
    void timeoutRateOfOneLeavesRequestsUnanswered() {
        SandboxBehaviour hanging = SandboxBehaviour.builder().timeoutRate(1.0).hang(Duration.ofSeconds(30)).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, hanging)) {
            HttpRequest request = HttpRequest.newBuilder(sandbox.endpoint()).timeout(Duration.ofMillis(200))
                    .POST(HttpRequest.BodyPublishers.ofString(LOOKUP)).build();
            assertThrows(java.net.http.HttpTimeoutException.class,
                    () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void newKnobsAreReadFromProperties() {
        Properties p = new Properties();
        p.setProperty("latency-jitter-ms", "15");
        p.setProperty("timeout-rate", "0.05");
        p.setProperty("throttle-every", "100");
        p.setProperty("throttle-burst", "5");
        p.setProperty("rate-limit-rps", "50");
        SandboxBehaviour behaviour = SandboxBehaviour.fromProperties(p);
        assertEquals(Duration.ofMillis(15), behaviour.latencyJitter());
        assertEquals(0.05, behaviour.timeoutRate());
        assertEquals(5, behaviour.throttleBurst());
        assertEquals(50, behaviour.rateLimitRps());
        p.setProperty("throttle-burst", "101");
        assertThrows(IllegalArgumentException.class, () -> SandboxBehaviour.fromProperties(p));
    }

    @Test
    void commandLineRejectsAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> SandboxCommandLine.parse(new String[] {"--port", "70000"}));
        assertEquals("12", SandboxCommandLine.parse(new String[] {"--latency-ms", "12"}).getProperty("latency-ms"));
    }

    private HttpResponse<String> send(SandboxProviderServer sandbox, String body) throws Exception {
        return client.send(lookupRequest(sandbox, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest lookupRequest(SandboxProviderServer sandbox, String body) {
        return HttpRequest.newBuilder(sandbox.endpoint())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
