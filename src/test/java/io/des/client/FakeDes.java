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
final class FakeDes implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    record Request(String method, String target, Map<String, List<String>> headers, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    /** What to answer; {@link #DROP} closes the connection without an answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        static final Answer DROP = new Answer(-1, Map.of(), "");

        static Answer json(int status, Object body) {
            try {
                return new Answer(status, Map.of(), JSON.writeValueAsString(body));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        static Answer error(int status, String code, String message) {
            return json(status, Map.of("error", message, "code", code));
        }

        Answer with(String header, String value) {
            Map<String, String> more = new java.util.HashMap<>(headers);
            more.put(header, value);
            return new Answer(status, more, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, Answer> script;

    FakeDes(Function<Request, Answer> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Request> requests() {
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
