package io.des.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted stand-in for DES on a loopback port (JDK HttpServer): records every request and
 * answers what the test's script says, so the client's chunking, resends and polling are seen
 * on the wire.
 */
public final class FakeDes implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    public record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** What to answer; {@link #DROP} closes the connection without an answer. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public static final Answer DROP = new Answer(-1, Map.of(), "");

        public static Answer json(int status, Object body) {
            try {
                return new Answer(status, Map.of(), JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        public static Answer error(int status, String code, String message) {
            return json(status, Map.of("error", message, "code", code));
        }

        public Answer with(String header, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(header, value);
            return new Answer(status, more, body);
        }
    }

    /** The ERID of {@link #entry}'s answers. */
    public static final String ENTRY_ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    /** {@code 200} with {@link #entryBody}. */
    public static Answer entry(String status, long committed, long total) {
        return Answer.json(200, entryBody(status, committed, total));
    }

    /** A history entry (HistoryEntry in docs/openapi.yaml) of a request made on 2026-11-20. */
    public static Map<String, Object> entryBody(String status, long committed, long total) {
        java.util.HashMap<String, Object> progress = new java.util.HashMap<>(Map.of("records_committed", committed,
                "number_of_records", total,
                "fields", status.equals("completed") ? Map.of("job_title", Map.of("found", 2, "not_found", 1, "failed", 0, "of", 3))
                        : Map.of()));
        if (status.equals("incomplete")) {
            progress.put("records_waiting", total - committed); // as the job's fair scheduler reports it
        }
        java.util.HashMap<String, Object> body = new java.util.HashMap<>(Map.of("erid", ENTRY_ERID, "status", status,
                "progress", progress, "number_of_records", total, "fields_to_be_enriched", List.of("job_title"),
                "request_date", "2026-11-20", "created_at", "2026-11-20T08:00:00Z", "status_url", "/v2/enriched_data?erid=" + ENTRY_ERID,
                "webhooks", List.of()));
        body.put("completed_at", status.equals("completed") ? "2026-11-20T08:05:00Z" : null);
        body.put("expired_at", status.equals("expired") ? "2026-11-27T08:00:00Z" : null);
        body.put("callback_url", null);
        body.put("metadata", null);
        return body;
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, Answer> script;

    public FakeDes(Function<Request, Answer> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
        synchronized (this) {
            requests.add(request);
        }
        Answer answer;
        try {
            answer = script.apply(request);
        } catch (RuntimeException e) {
            answer = Answer.error(500, "internal_error", "the test's script failed: " + e);
        }
        if (answer.status() < 0) {
            exchange.close();
            return;
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
