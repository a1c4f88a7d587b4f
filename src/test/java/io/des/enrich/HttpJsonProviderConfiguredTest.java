package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.des.model.ContactRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider configured only through properties, against a real HTTP server with its own API shape. */
class HttpJsonProviderConfiguredTest {

    private static final List<String> FIELDS = List.of("professional_email", "job_title");

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile boolean rejectNextToken;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/oauth/token", exchange -> {
            requests.add("token " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "{\"access_token\":\"t" + tokensIssued.incrementAndGet() + "\",\"expires_in\":3600}");
        });
        server.createContext("/people", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + authorization + " " + apiKey
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (rejectNextToken) {
                rejectNextToken = false;
                respond(exchange, 401, "{}");
                return;
            }
            respond(exchange, 200, "{\"person\": {\"work\": {\"email\": \"ada@acme.example\", \"score\": \"0.87\","
                    + " \"check\": \"catch_all\"}, \"title\": null}}");
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void templatePointersAndApiKeyComeFromConfiguration() throws Exception {
        Properties p = base("acme");
        p.setProperty("provider.acme.auth.type", "api-key");
        p.setProperty("provider.acme.auth.header", "X-Api-Key");
        p.setProperty("provider.acme.auth.key-env", "ACME_KEY");
        p.setProperty("provider.acme.request-template", "{\"full_name\": \"${contact.first_name} ${contact.last_name}\"}");

        LookupResult result = open(p, Map.of("ACME_KEY", "k-123")).lookup(ada(), FIELDS).get();

        assertEquals(Map.of("professional_email", "ada@acme.example"), result.values(), "a null title is not found");
        assertEquals("POST /people null k-123 {\"full_name\":\"Ada Lovelace\"}", requests.get(0));
    }

    @Test
    void getWithUrlPlaceholdersAndBasicAuth() throws Exception {
        Properties p = base("acme");
        p.setProperty("provider.acme.endpoint", endpoint() + "?name=${contact.last_name}&fields=${fields}");
        p.setProperty("provider.acme.method", "GET");
        p.setProperty("provider.acme.auth.type", "basic");
        p.setProperty("provider.acme.auth.username-env", "U");
        p.setProperty("provider.acme.auth.password-env", "P");

        open(p, Map.of("U", "user", "P", "pass")).lookup(ada(), FIELDS).get();

        assertEquals("GET /people?name=Lovelace&fields=professional_email%2Cjob_title "
                + ProviderAuth.basic("user", "pass") + " null ", requests.get(0));
    }

    @Test
    void oauth2TokenIsFetchedOnceSharedAndRenewedAfterA401() throws Exception {
        Properties p = base("acme");
        p.setProperty("provider.acme.auth.type", "oauth2-client-credentials");
        p.setProperty("provider.acme.auth.token-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token");
        p.setProperty("provider.acme.auth.client-id-env", "ID");
        p.setProperty("provider.acme.auth.client-secret-env", "SECRET");
        p.setProperty("provider.acme.auth.scope", "people:read");
        Provider provider = open(p, Map.of("ID", "client", "SECRET", "s3cret"));

        provider.lookup(ada(), FIELDS).get();
        provider.lookup(ada(), FIELDS).get();
        assertEquals(1, tokensIssued.get(), "one token for both calls");
        assertTrue(requests.get(0).startsWith("token " + ProviderAuth.basic("client", "s3cret")
                + " grant_type=client_credentials&scope=people%3Aread"), requests.get(0));
        assertTrue(requests.get(1).contains("Bearer t1"), requests.get(1));

        rejectNextToken = true;
        LookupResult rejected = provider.lookup(ada(), FIELDS).get();
        assertTrue(rejected.failure().orElseThrow().retryable(), "a new token may succeed");
        provider.lookup(ada(), FIELDS).get();
        assertEquals(2, tokensIssued.get());
        assertTrue(requests.get(requests.size() - 1).contains("Bearer t2"));
    }

    @Test
    void confidenceAndVerificationAreReadNextToTheValue() throws Exception {
        Properties p = base("acme");
        p.setProperty("provider.acme.confidence.professional_email", "/person/work/score");
        p.setProperty("provider.acme.verification.professional_email", "/person/work/check");
        p.setProperty("provider.acme.confidence.job_title", "/person/title_score");

        LookupResult result = open(p, Map.of()).lookup(ada(), FIELDS).get();

        assertEquals(Map.of("professional_email", new ValueQuality(0.87, "catch_all")), result.qualities(),
                "a string holding a number is a confidence; a field not found has no quality");
    }

    @Test
    void qualityPointersMustNameAFieldAndBePointers() {
        Properties p = base("acme");
        p.setProperty("provider.acme.confidence.shoe_size", "/x");
        p.setProperty("provider.acme.verification.professional_email", "check");

        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> EnrichmentSettings.fromProperties(p, name -> null)).getMessage();

        assertTrue(message.contains("'provider.acme.confidence.shoe_size' names no enrichable field"), message);
        assertTrue(message.contains("'provider.acme.verification.professional_email' must be a JSON pointer"), message);
    }

    private Properties base(String name) {
        Properties p = new Properties();
        p.setProperty("providers", name);
        p.setProperty("provider." + name + ".endpoint", endpoint());
        p.setProperty("provider." + name + ".response.professional_email", "/person/work/email");
        p.setProperty("provider." + name + ".response.job_title", "/person/title");
        return p;
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/people";
    }

    private static Provider open(Properties p, Map<String, String> env) {
        WaterfallSpec spec = (WaterfallSpec) EnrichmentSettings.fromProperties(p, env::get).providerSpec();
        HttpJsonProviderSpec http = (HttpJsonProviderSpec) spec.providers().values().iterator().next();
        return http.open(env::get);
    }

    private static ContactRecord ada() {
        return TestContacts.contact(0, Map.of("first_name", "Ada", "last_name", "Lovelace"), FIELDS);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
