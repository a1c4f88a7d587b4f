package io.des.enrich;

import static io.des.enrich.TestContacts.adaAtAcme;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.des.local.sandbox.SandboxBehaviour;
import io.des.local.sandbox.SandboxProviderServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpJsonProviderTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void returnsTheSandboxsDeterministicValuesForRequestedFields() throws Exception {
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved());
                HttpJsonProvider provider = spec(sandbox.endpoint(), REQUEST_TIMEOUT).open()) {
            List<String> fields = List.of("professional_email", "job_title");

            LookupResult first = provider.lookup(adaAtAcme(0, fields), fields).get(10, TimeUnit.SECONDS);
            LookupResult second = provider.lookup(adaAtAcme(1, fields), fields).get(10, TimeUnit.SECONDS);

            assertFalse(first.isFailure(), first::toString);
            assertEquals("ada.lovelace@acme-corp.com", first.values().get("professional_email"));
            assertTrue(first.values().containsKey("job_title"), first::toString);
            assertEquals(first.values(), second.values());
        }
    }

    @Test
    void notFoundRateOfOneAnswersThatNothingWasFound() throws Exception {
        SandboxBehaviour nobodyKnown = SandboxBehaviour.builder().notFoundRate(1.0).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, nobodyKnown);
                HttpJsonProvider provider = spec(sandbox.endpoint(), REQUEST_TIMEOUT).open()) {
            List<String> fields = List.of("professional_email");

            LookupResult result = provider.lookup(adaAtAcme(0, fields), fields).get(10, TimeUnit.SECONDS);

            assertFalse(result.isFailure(), result::toString);
            assertTrue(result.values().isEmpty(), result::toString);
        }
    }

    @Test
    void tooManyRequestsIsRetryableAndCarriesRetryAfter() throws Exception {
        HttpServer stub = stubAnswering(429, "7");
        try (HttpJsonProvider provider = spec(endpointOf(stub), REQUEST_TIMEOUT).open()) {
            LookupFailure failure = failureOf(provider);

            assertTrue(failure.retryable());
            assertEquals(Duration.ofSeconds(7), failure.retryAfter().orElseThrow());
            assertEquals("provider returned 429", failure.reason());
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void serverErrorIsRetryable() throws Exception {
        HttpServer stub = stubAnswering(502, null);
        try (HttpJsonProvider provider = spec(endpointOf(stub), REQUEST_TIMEOUT).open()) {
            LookupFailure failure = failureOf(provider);

            assertTrue(failure.retryable());
            assertTrue(failure.retryAfter().isEmpty());
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void clientErrorOtherThan429IsNotRetryable() throws Exception {
        HttpServer stub = stubAnswering(400, null);
        try (HttpJsonProvider provider = spec(endpointOf(stub), REQUEST_TIMEOUT).open()) {
            LookupFailure failure = failureOf(provider);

            assertFalse(failure.retryable());
            assertEquals("provider returned 400", failure.reason());
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        URI closedEndpoint;
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, SandboxBehaviour.wellBehaved())) {
            closedEndpoint = sandbox.endpoint();
        }
        try (HttpJsonProvider provider = spec(closedEndpoint, REQUEST_TIMEOUT).open()) {
            LookupFailure failure = failureOf(provider);

            assertTrue(failure.retryable(), failure::toString);
        }
    }

    @Test
    void responseSlowerThanRequestTimeoutIsRetryableTimeout() throws Exception {
        SandboxBehaviour slow = SandboxBehaviour.builder().latency(Duration.ofSeconds(3)).build();
        try (SandboxProviderServer sandbox = SandboxProviderServer.start(ANY_LOOPBACK_PORT, slow);
                HttpJsonProvider provider = spec(sandbox.endpoint(), Duration.ofMillis(100)).open()) {
            LookupFailure failure = failureOf(provider);

            assertTrue(failure.retryable());
            assertEquals("provider request timeout", failure.reason());
        }
    }

    private static LookupFailure failureOf(HttpJsonProvider provider) throws Exception {
        List<String> fields = List.of("professional_email");
        LookupResult result = provider.lookup(adaAtAcme(0, fields), fields).get(10, TimeUnit.SECONDS);
        assertTrue(result.isFailure(), result::toString);
        return result.failure().orElseThrow();
    }

    private static HttpJsonProviderSpec spec(URI endpoint, Duration requestTimeout) {
        return new HttpJsonProviderSpec("sandbox", endpoint, requestTimeout);
    }

    private static HttpServer stubAnswering(int status, String retryAfter) throws IOException {
        HttpServer stub = HttpServer.create(ANY_LOOPBACK_PORT, 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        stub.start();
        return stub;
    }

    private static URI endpointOf(HttpServer stub) {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort() + "/lookup");
    }
}
