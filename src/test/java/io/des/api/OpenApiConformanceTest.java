package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.api.tenant.ApiKeys;
import io.des.api.tenant.TenantEdge;
import io.des.api.tenant.TenantsFileSource;
import io.des.ingest.PublishException;
import io.des.ingest.RecordPublisher;
import io.des.model.ContactRecord;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.serve.DuckDbQueryEngine;
import io.des.serve.EnrichedDataFixture;
import io.des.serve.QueryEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps {@code docs/openapi.yaml} true: the routes it lists are the router's, and real answers of
 * the real server (every documented status of every operation, and the edge's own refusals)
 * validate against its schemas.
 */
class OpenApiConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DONE = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String PART = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f";
    private static final String UNSTORABLE = "00000000-0000-4000-8000-00000000dead";
    private static final String NEW = "00000000-0000-4000-8000-00000000000a";
    private static final String BUG = "00000000-0000-4000-8000-0000000000bb";
    private static final String OTHER = "00000000-0000-4000-8000-00000000000b";
    private static final String BREAKS = "00000000-0000-4000-8000-00000000beef";
    private static final String ACME = "Bearer acme-key";

    @TempDir
    static Path dir;

    private static final OpenApiContract contract = new OpenApiContract();
    private static final AtomicBoolean ready = new AtomicBoolean(true);
    private static final Set<String> problems = new TreeSet<>();
    private static final Map<String, Set<Integer>> observed = new TreeMap<>();
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ApiServer server;
    private static ApiRouter router;
    private static TenantEdge tenants;
    private static DuckDbQueryEngine engine;
    private static final InMemoryEridRegistry registry = new InMemoryEridRegistry();

    @BeforeAll
    static void start() throws Exception {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        String today = LocalDate.now(Clock.systemUTC()).toString();
        new EnrichedDataFixture(storage, "acme").completed(today, DONE, 5, 2);
        new EnrichedDataFixture(storage, "acme").incomplete(today, PART, 8, 0, 1);
        RegistryFixtures.completed(registry, "acme", DONE, 5, today);
        RegistryFixtures.receiving(registry, "acme", PART, 8, today, 2);
        registry.recordReceived("acme", PART, 6);
        RegistryFixtures.completed(registry, "acme", BREAKS, 1, today);
        Path tenantsFile = dir.resolve("tenants.json");
        Files.writeString(tenantsFile, "{\"tenants\": ["
                + tenant("acme", "acme-key", "{\"max_number_of_records\": 500}") + ","
                + tenant("globex", "globex-key", "{\"records_per_day\": 3, \"erids_in_progress\": 1}") + ","
                + tenant("initech", "initech-key", "{\"requests_per_second\": 1}") + "]}");
        engine = new DuckDbQueryEngine(storage);
        tenants = TenantEdge.fromDocument(new TenantsFileSource(tenantsFile), Clock.systemUTC(), (t, e, d) -> false);
        Clock clock = Clock.systemUTC();
        router = DesRoutes.router(new DesRoutes.Parts(new FailingPublisher(), new BreakingEngine(engine), registry, tenants,
                url -> url.contains("10.0.0.1") ? Optional.of("a private address") : Optional.empty(), ready::get, clock));
        server = ApiServer.start(new InetSocketAddress("127.0.0.1", 0), ServerLimits.defaults(), router);
    }

    @AfterAll
    static void stop() {
        server.close();
        tenants.close();
        engine.close();
    }

    @Test
    void everyRouteOfTheServerIsDocumentedWithItsAccessAndNoMore() {
        Map<String, Set<String>> served = new TreeMap<>();
        router.routes().forEach((path, methods) -> {
            served.put(path, new TreeSet<>(methods.keySet()));
            methods.forEach((method, tenantOnly) -> assertEquals(!tenantOnly, contract.isOpen(method, path),
                    method + " " + path + ": documented access differs from the route's"));
        });
        assertEquals(served, contract.routes());
        assertEquals(Set.of(), contract.brokenReferences());
    }

    @Test
    void realAnswersOfEveryDocumentedStatusMatchTheirSchemas() throws Exception {
        String chunk = chunk(NEW, 2, 10);
        expect(202, null, post(chunk, ACME));
        expect(409, "erid_conflict", post(chunk(NEW, 2, 11), ACME));
        expect(400, "invalid_field", post(chunk.replace("\"offset\": 0", "\"callback_url\": \"https://10.0.0.1/h\", \"offset\": 0"), ACME));
        expect(400, "invalid_json", post("{\"erid\": ", ACME));
        expect(400, "invalid_field", post(chunk.replace("\"offset\": 0", "\"offset\": -1"), ACME));
        expect(401, "unauthorized", post(chunk, null));
        expect(401, "unauthorized", post(chunk, "Bearer not-a-key"));
        expect(413, "number_of_records_limit", post(chunk(OTHER, 2, 501), ACME));
        expect(413, "body_too_large", post("{\"pad\": \"" + "x".repeat(11 * 1024 * 1024) + "\"}", ACME));
        expect(415, "unsupported_media_type", send(HttpRequest.newBuilder(uri("/v2/enriched_data"))
                .header("Authorization", ACME).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(chunk))));
        expect(202, null, post(chunk(PART, 3, 10), "Bearer globex-key"));
        expect(429, "records_per_day_limit", post(chunk(PART, 1, 10).replace("\"offset\": 0", "\"offset\": 3"), "Bearer globex-key"));
        expect(429, "erids_in_progress_limit", post(chunk(OTHER, 1, 10), "Bearer globex-key"));
        expect(503, "storage_unavailable", post(chunk(UNSTORABLE, 1, 10), ACME));
        expect(500, "internal_error", post(chunk(BUG, 1, 10), ACME));

        expect(200, null, get("/v2/enriched_data?erid=" + DONE, ACME));
        expect(200, null, get("/v2/enriched_data?erid=" + PART, ACME));
        expect(200, null, get("/v2/enriched_data?erid=" + DONE, "Bearer globex-key"));
        expect(400, "invalid_parameter", get("/v2/enriched_data?erid=" + DONE + "&page=0", ACME));
        expect(401, "unauthorized", get("/v2/enriched_data?erid=" + DONE, null));
        expect(500, "internal_error", get("/v2/enriched_data?erid=" + BREAKS, ACME));
        expect(200, null, get("/v2/enrichment_requests", ACME));
        expect(400, "invalid_parameter", get("/v2/enrichment_requests?status=done", ACME));
        expect(401, "unauthorized", get("/v2/enrichment_requests", null));
        expect(200, null, get("/v2/enrichment_requests/" + DONE, ACME));
        expect(400, "invalid_parameter", get("/v2/enrichment_requests/not-an-erid", ACME));
        expect(404, "not_found", get("/v2/enrichment_requests/" + DONE, "Bearer globex-key"));
        expect(401, "unauthorized", get("/v2/enrichment_requests/" + DONE, null));
        expect(200, null, get("/v2/usage", ACME));
        expect(401, "unauthorized", get("/v2/usage", null));
        expect(200, null, get("/status", null));
        ready.set(false);
        expect(503, "not_ready", get("/status", null));
        ready.set(true);
        expect(200, null, get("/openapi.json", null));
        expect(200, null, get("/v2/enriched_data?erid=" + DONE, "Bearer initech-key"));
        expect(429, "rate_limited", get("/v2/enriched_data?erid=" + DONE, "Bearer initech-key"));
        expect(429, "rate_limited", get("/v2/usage", "Bearer initech-key"));
        expect(429, "rate_limited", get("/v2/enrichment_requests", "Bearer initech-key"));
        expect(429, "rate_limited", get("/v2/enrichment_requests/" + DONE, "Bearer initech-key"));

        expect(404, "not_found", get("/v3/enriched_data", ACME));
        expect(405, "method_not_allowed", send(HttpRequest.newBuilder(uri("/v2/enriched_data")).DELETE()));
        try (RawHttp raw = RawHttp.connect(server.port(), Duration.ofSeconds(5))) {
            RawHttp.Answer answer = raw.send(RawHttp.get("/status", "X-Padding: " + "y".repeat(1024 * 1024))).read();
            record("GET /status", answer.status(), answer.json());
            assertEquals(431, answer.status());
        }

        assertEquals(Set.of(), problems, "answers that differ from docs/openapi.yaml");
        contract.routes().forEach((path, methods) -> methods.forEach(method -> {
            Set<Integer> documented = contract.documentedStatuses(method, path);
            assertTrue(observed.getOrDefault(method + " " + path, Set.of()).containsAll(documented),
                    method + " " + path + " documents " + documented + " but the test saw only " + observed.get(method + " " + path));
        }));
    }

    private static void expect(int status, String code, Exchange exchange) {
        assertEquals(status, exchange.status, exchange.label + " answered " + exchange.body);
        assertNotNull(exchange.requestId, exchange.label + ": every answer carries X-Request-Id");
        if (code != null) {
            assertEquals(code, exchange.body.path("code").asText(), exchange.label + ": " + exchange.body);
        }
        record(exchange.label, exchange.status, exchange.body);
    }

    private static void record(String label, int status, JsonNode body) {
        label = label.replaceFirst("^(GET /v2/enrichment_requests/).+$", "$1{erid}");
        observed.computeIfAbsent(label, l -> new TreeSet<>()).add(status);
        String[] methodAndPath = label.split(" ", 2);
        problems.addAll(contract.check(methodAndPath[0], methodAndPath[1], status, body));
    }

    private static Exchange post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v2/enriched_data")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static Exchange get(String target, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static Exchange send(HttpRequest.Builder builder) throws Exception {
        HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Exchange(request.method() + " " + request.uri().getPath(), response.statusCode(),
                JSON.readTree(response.body()), response.headers().firstValue(RequestIds.HEADER).orElse(null));
    }

    private static URI uri(String target) {
        return URI.create("http://127.0.0.1:" + server.port() + target);
    }

    private static String chunk(String erid, int contacts, long numberOfRecords) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < contacts; i++) {
            list.append(i == 0 ? "" : ",").append("{\"full_name\": \"Person ").append(i).append("\"}");
        }
        return "{\"erid\": \"" + erid + "\", \"contact_list\": [" + list + "], \"fields_to_be_enriched\": [\"job_title\"],"
                + " \"number_of_records\": " + numberOfRecords + ", \"offset\": 0}";
    }

    private static String tenant(String id, String key, String limits) {
        return "{\"id\": \"" + id + "\", \"name\": \"" + id + "\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex(key)
                + "\"], \"limits\": " + limits + "}";
    }

    private record Exchange(String label, int status, JsonNode body, String requestId) {}

    /** Stores nothing; {@code UNSTORABLE} cannot be stored right now, {@code BUG} breaks. */
    private static final class FailingPublisher implements RecordPublisher {
        @Override
        public void publish(List<ContactRecord> records) throws PublishException {
            if (records.get(0).erid.equals(UNSTORABLE)) {
                throw new PublishException("storage unavailable", new RuntimeException());
            }
            if (records.get(0).erid.equals(BUG)) {
                throw new IllegalStateException("a bug");
            }
        }

        @Override
        public void close() {}
    }

    /** The real engine, except that {@code BREAKS} fails as a broken storage would. */
    private record BreakingEngine(QueryEngine engine) implements QueryEngine {
        @Override
        public Optional<List<Map<String, Object>>> page(String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
            if (erid.equals(BREAKS)) {
                throw new io.des.serve.QueryEngineException("storage unreachable", new RuntimeException());
            }
            return engine.page(tenant, erid, requestDate, page, pageSize);
        }

        @Override
        public void close() {}
    }
}
