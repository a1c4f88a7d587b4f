package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.des.model.ContactRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The edge to a provider over real HTTP: the body cap, one deadline for the whole call, the token timeout. */
class HttpJsonProviderEdgeTest {

    private static final List<String> EMAIL = List.of("professional_email");
    private static final byte[] ANSWER = "{\"values\": {\"professional_email\": \"ada@acme.example\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private ExecutorService serverThreads;
    private final AtomicLong bytesWritten = new AtomicLong();
    private final CountDownLatch writeRefused = new CountDownLatch(1);
    private final AtomicBoolean bodyFinished = new AtomicBoolean();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean tokenEndpointHangs = true;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 4096; i++) {
                    out.write(chunk);
                    bytesWritten.addAndGet(chunk.length);
                }
                bodyFinished.set(true);
            } catch (IOException refused) {
                writeRefused.countDown();
            }
        });
        server.createContext("/declared-large", exchange -> {
            exchange.sendResponseHeaders(200, 2L << 20);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[2 << 20]);
            } catch (IOException refused) {
                writeRefused.countDown();
            }
        });
        server.createContext("/trickle", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte b : ANSWER) {
                    out.write(b);
                    out.flush();
                    Thread.sleep(50);
                }
                bodyFinished.set(true);
            } catch (IOException | InterruptedException refused) {
                writeRefused.countDown();
            }
        });
        server.createContext("/token", exchange -> {
            tokenRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (tokenEndpointHangs) {
                sleepQuietly(10_000);
            }
            respond(exchange, "{\"access_token\": \"t\", \"expires_in\": 3600}".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/people", exchange -> respond(exchange, ANSWER));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void anAnswerOverTheCapFailsTheLookupWithoutBeingReadWhole() throws Exception {
        HttpJsonProviderSpec spec = HttpJsonProviderSpec.builder("big", url("/endless"))
                .requestTimeout(Duration.ofSeconds(20)).maxResponseBytes(64 * 1024).build();
        try (HttpJsonProvider provider = spec.open(name -> null)) {
            LookupFailure failure = failureOf(provider.lookup(contact(), EMAIL));

            assertEquals("provider answer larger than 65536 bytes", failure.reason());
            assertFalse(failure.retryable(), "the same answer would come again");
            assertTrue(writeRefused.await(10, TimeUnit.SECONDS), "the connection is closed, not drained");
            assertFalse(bodyFinished.get(), "the 256 MiB body was not read whole");
        }
    }

    @Test
    void aDeclaredLengthOverTheDefaultCapOfOneMebibyteIsRefused() throws Exception {
        HttpJsonProviderSpec spec = HttpJsonProviderSpec.builder("big", url("/declared-large")).build();
        try (HttpJsonProvider provider = spec.open(name -> null)) {
            assertEquals("provider answer larger than 1048576 bytes",
                    failureOf(provider.lookup(contact(), EMAIL)).reason());
        }
    }

    @Test
    void theDeadlineCoversTheBodyNotOnlyTheHeaders() throws Exception {
        HttpJsonProviderSpec spec = HttpJsonProviderSpec.builder("slow", url("/trickle"))
                .requestTimeout(Duration.ofMillis(300)).build();
        try (HttpJsonProvider provider = spec.open(name -> null)) {
            LookupFailure failure = failureOf(provider.lookup(contact(), EMAIL));

            assertEquals("provider request timeout", failure.reason());
            assertTrue(failure.retryable());
            assertFalse(bodyFinished.get(), "the lookup ended while the body was still trickling in");
            assertTrue(writeRefused.await(10, TimeUnit.SECONDS), "the exchange was cancelled");
        }
    }

    @Test
    void aHungTokenEndpointFailsTheWaitingLookupsAndIsAskedAgainLater() throws Exception {
        ProviderAuth oauth = new ProviderAuth(ProviderAuth.Type.OAUTH2_CLIENT_CREDENTIALS, Map.of(
                "token-url", url("/token"), "client-id-env", "ID", "client-secret-env", "SECRET"));
        HttpJsonProviderSpec spec = HttpJsonProviderSpec.builder("oauth", url("/people"))
                .requestTimeout(Duration.ofMillis(300)).auth(oauth).build();
        try (HttpJsonProvider provider = spec.open(Map.of("ID", "client", "SECRET", "s")::get)) {
            CompletableFuture<LookupResult> first = provider.lookup(contact(), EMAIL);
            CompletableFuture<LookupResult> second = provider.lookup(contact(), EMAIL);

            for (CompletableFuture<LookupResult> waiting : List.of(first, second)) {
                LookupFailure failure = failureOf(waiting);
                assertEquals("OAuth2 token request failed: no answer within 300 ms", failure.reason());
                assertTrue(failure.retryable(), "a later attempt fetches a new token");
            }
            assertEquals(1, tokenRequests.get(), "both lookups waited for the same token request");

            tokenEndpointHangs = false;
            LookupResult retried = provider.lookup(contact(), EMAIL).get(10, TimeUnit.SECONDS);
            assertEquals(Map.of("professional_email", "ada@acme.example"), retried.values());
            assertEquals(2, tokenRequests.get());
        }
    }

    private static LookupFailure failureOf(CompletableFuture<LookupResult> lookup) throws Exception {
        LookupResult result = lookup.get(10, TimeUnit.SECONDS);
        assertTrue(result.isFailure(), result::toString);
        return result.failure().orElseThrow();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static ContactRecord contact() {
        return TestContacts.adaAtAcme(0, EMAIL);
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
