package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk calls of a provider configured through properties, against a real HTTP server with its own bulk API shape. */
class HttpJsonProviderBulkTest {

    private static final List<String> FIELDS = List.of("professional_email", "job_title");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/bulk", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, status, answer);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void answersMatchedByIndexApplyTheFieldPointersWithinEachItem() {
        Properties p = base();
        p.setProperty("provider.acme.bulk.request-template", "{\"people\": ${contacts}}");
        p.setProperty("provider.acme.request-template", "{\"name\": \"${contact.first_name}\"}");
        p.setProperty("provider.acme.bulk.response.items", "/data");
        p.setProperty("provider.acme.bulk.response.match", "index");
        answer = "{\"data\": [{\"work\": {\"email\": \"p1@x\"}, \"title\": \"CTO\"}, {\"work\": {}}, null]}";

        List<LookupResult> results = open(p).lookupAll(lookups(1, 2, 3)).join();

        assertEquals("{\"people\":[{\"name\":\"Person1\"},{\"name\":\"Person2\"},{\"name\":\"Person3\"}]}", requests.get(0));
        assertEquals(Map.of("professional_email", "p1@x", "job_title", "CTO"), results.get(0).values());
        assertTrue(results.get(1).values().isEmpty() && !results.get(1).isFailure(), "an empty item is not found");
        assertTrue(results.get(2).values().isEmpty() && !results.get(2).isFailure(), "a null item is not found");
    }

    @Test
    void answersMatchedByEchoedIdMayComeInAnyOrderAndMissingOnesAreNotFound() {
        Properties p = base();
        p.setProperty("provider.acme.request-template", "{\"ref\": \"${lookup_id}\", \"name\": \"${contact.first_name}\"}");
        p.setProperty("provider.acme.bulk.response.items", "/results");
        p.setProperty("provider.acme.bulk.response.match", "/ref");
        answer = "{\"results\": [{\"ref\": \"2\", \"work\": {\"email\": \"p3@x\"}}, {\"ref\": \"0\", \"work\": {\"email\": \"p1@x\"}}]}";

        List<LookupResult> results = open(p).lookupAll(lookups(1, 2, 3)).join();

        assertEquals("{\"contacts\":[{\"ref\":\"0\",\"name\":\"Person1\"},{\"ref\":\"1\",\"name\":\"Person2\"},"
                + "{\"ref\":\"2\",\"name\":\"Person3\"}]}", requests.get(0));
        assertEquals(Map.of("professional_email", "p1@x"), results.get(0).values());
        assertTrue(results.get(1).values().isEmpty() && !results.get(1).isFailure(), "absent from the answer: not found");
        assertEquals(Map.of("professional_email", "p3@x"), results.get(2).values());
    }

    @Test
    void aRetryableStatusFailsEveryContactAlike() {
        Properties p = base();
        status = 503;

        List<LookupResult> results = open(p).lookupAll(lookups(1, 2)).join();

        assertEquals(2, results.size());
        results.forEach(result -> assertTrue(result.failure().orElseThrow().retryable(), result::toString));
    }

    @Test
    void anAnswerWithoutTheItemsArrayIsAFinalFailure() {
        Properties p = base();
        answer = "{\"unexpected\": true}";

        List<LookupResult> results = open(p).lookupAll(lookups(1)).join();

        assertTrue(results.get(0).isFailure());
        assertTrue(!results.get(0).failure().orElseThrow().retryable(), "a misconfigured pointer will not heal");
    }

    private Properties base() {
        Properties p = new Properties();
        p.setProperty("providers", "acme");
        p.setProperty("provider.acme.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/bulk");
        p.setProperty("provider.acme.bulk.size", "10");
        p.setProperty("provider.acme.response.professional_email", "/work/email");
        p.setProperty("provider.acme.response.job_title", "/title");
        return p;
    }

    private static HttpJsonProvider open(Properties p) {
        WaterfallSpec spec = (WaterfallSpec) EnrichmentSettings.fromProperties(p, name -> null).providerSpec();
        return ((HttpJsonProviderSpec) spec.providers().get("acme")).open(name -> null);
    }

    private static List<BulkLookup> lookups(int... indexes) {
        return java.util.Arrays.stream(indexes)
                .mapToObj(i -> new BulkLookup(TestContacts.person(i, FIELDS), FIELDS))
                .toList();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
