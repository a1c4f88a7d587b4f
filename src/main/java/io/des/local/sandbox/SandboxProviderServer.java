package io.des.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for a contact-data provider, speaking the protocol of
 * {@link io.des.enrich.HttpJsonProvider} at {@code POST /v1/lookup} (and its bulk form at
 * {@code POST /v1/bulk}, faults and rate limit applying per call), with the latency, failures,
 * timeouts, 429 bursts and rate limit of a {@link SandboxBehaviour}. Answers come from {@link
 * SandboxProfiles}. It counts the lookups it receives per contact ({@link #lookupsOf}) and those
 * beyond its rate limit ({@link #rateLimitViolations}), so tests can check what a real provider
 * would have billed and refused.
 *
 * <p>Latency is simulated without holding a thread: the handler computes the answer at once and a
 * scheduler sends it later, so many concurrent slow requests are served in parallel, as they would
 * be by a real provider.
 */
public final class SandboxProviderServer implements AutoCloseable {

    /** Path lookups are POSTed to. */
    public static final String LOOKUP_PATH = "/v1/lookup";
    /**
     * Path bulk lookups are POSTed to: {@code {"contacts": [{"lookup_id": …, "contact": {…}, "fields": […]}]}},
     * answered by {@code {"results": [{"lookup_id": …, "values": {…}}]}} with one result per known contact
     * (unknown ones are left out) and the same values as {@link #LOOKUP_PATH}.
     */
    public static final String BULK_PATH = "/v1/bulk";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int HANDLER_THREADS = 2;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService responder;
    private final SandboxBehaviour behaviour;
    private final SandboxTraffic traffic;
    private final AtomicLong callsReceived = new AtomicLong();
    private final AtomicLong bulkCallsReceived = new AtomicLong();

    private SandboxProviderServer(HttpServer server, SandboxBehaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        this.traffic = new SandboxTraffic(behaviour, System::nanoTime);
        this.handlers = Executors.newFixedThreadPool(HANDLER_THREADS, daemon("sandbox-handler"));
        this.responder = Executors.newSingleThreadScheduledExecutor(daemon("sandbox-responder"));
        server.setExecutor(handlers);
        server.createContext(LOOKUP_PATH, this::handle);
        server.createContext(BULK_PATH, this::handle);
    }

    /**
     * Binds and starts a server.
     *
     * @param address where to listen; port 0 picks a free port (see {@link #endpoint()})
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static SandboxProviderServer start(InetSocketAddress address, SandboxBehaviour behaviour) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind sandbox provider to " + address, e);
        }
        SandboxProviderServer sandbox = new SandboxProviderServer(server, behaviour);
        server.start();
        return sandbox;
    }

    /**
     * Runs the sandbox standalone until the JVM stops: {@code [--host 127.0.0.1] [--port 8089]} and
     * every {@link SandboxBehaviour} key as a flag, e.g. {@code --not-found-rate 0.4}.
     */
    public static void main(String[] args) throws InterruptedException {
        SandboxCommandLine.run(args);
    }

    /** The lookup URI, with the port actually bound. */
    public URI endpoint() {
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + bound.getPort() + LOOKUP_PATH);
    }

    /** The bulk lookup URI, with the port actually bound. */
    public URI bulkEndpoint() {
        return endpoint().resolve(BULK_PATH);
    }

    /** Requests to {@link #BULK_PATH} received so far, failed and rejected ones included. */
    public long bulkCallsReceived() {
        return bulkCallsReceived.get();
    }

    /** Requests received so far, failed and rejected ones included. */
    public long callsReceived() {
        return callsReceived.get();
    }

    /**
     * Well-formed lookups received for {@code contact} (what a provider would bill), whatever
     * their answer; attribute order does not matter.
     */
    public long lookupsOf(Map<String, String> contact) {
        return traffic.lookupsOf(contact);
    }

    /** Lookups that arrived beyond the configured requests-per-second limit (and got a 429). */
    public long rateLimitViolations() {
        return traffic.rateLimitViolations();
    }

    /** Stops listening and drops responses still waiting for their latency. */
    @Override
    public void close() {
        server.stop(0);
        responder.shutdownNow();
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        callsReceived.incrementAndGet();
        Response response;
        try {
            response = answer(exchange);
        } catch (RuntimeException | IOException e) {
            response = Response.error(500, "sandbox failure: " + e);
        }
        Response toSend = response;
        long latencyMillis = response.hang ? behaviour.hang().toMillis() : traffic.latencyMillis();
        if (latencyMillis == 0) {
            send(exchange, toSend);
        } else {
            responder.schedule(() -> send(exchange, toSend), latencyMillis, TimeUnit.MILLISECONDS);
        }
    }

    private Response answer(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return Response.error(405, "use POST");
        }
        String path = exchange.getRequestURI().getPath();
        if (!LOOKUP_PATH.equals(path) && !BULK_PATH.equals(path)) {
            return Response.error(404, "no such path");
        }
        JsonNode request;
        try (InputStream body = exchange.getRequestBody()) {
            request = MAPPER.readTree(body);
        } catch (IOException malformed) {
            return Response.error(400, "body is not JSON");
        }
        if (BULK_PATH.equals(path)) {
            bulkCallsReceived.incrementAndGet();
            return answerBulk(request);
        }
        if (request == null || !request.path("contact").isObject() || !request.path("fields").isArray()) {
            return Response.error(400, "expected {\"contact\": {...}, \"fields\": [...]}");
        }
        Map<String, String> contact = contactOf(request);
        Response fault = fault(traffic.admit(contact));
        if (fault != null) {
            return fault;
        }
        if (isUnknownContact(contact)) {
            return Response.error(404, "no data for this contact");
        }
        Map<String, String> values = SandboxProfiles.lookup(contact, fieldsOf(request));
        if (values.isEmpty()) {
            return Response.error(404, "none of the requested fields is known");
        }
        ObjectNode body = MAPPER.createObjectNode();
        values.forEach(body.putObject("values")::put);
        return new Response(200, MAPPER.writeValueAsBytes(body));
    }

    private Response answerBulk(JsonNode request) throws IOException {
        if (request == null || !request.path("contacts").isArray()) {
            return Response.error(400, "expected {\"contacts\": [{\"lookup_id\": ..., \"contact\": {...}, \"fields\": [...]}]}");
        }
        List<Map<String, String>> contacts = new ArrayList<>();
        for (JsonNode element : request.get("contacts")) {
            if (!element.path("contact").isObject() || !element.path("fields").isArray() || !element.has("lookup_id")) {
                return Response.error(400, "each of contacts needs lookup_id, contact and fields");
            }
            contacts.add(contactOf(element));
        }
        Response fault = fault(traffic.admit(contacts));
        if (fault != null) {
            return fault;
        }
        ObjectNode body = MAPPER.createObjectNode();
        var results = body.putArray("results");
        int index = 0;
        for (JsonNode element : request.get("contacts")) {
            Map<String, String> contact = contacts.get(index++);
            Map<String, String> values = isUnknownContact(contact) ? Map.of()
                    : SandboxProfiles.lookup(contact, fieldsOf(element));
            if (!values.isEmpty()) {
                ObjectNode result = results.addObject();
                result.set("lookup_id", element.get("lookup_id"));
                values.forEach(result.putObject("values")::put);
            }
        }
        return new Response(200, MAPPER.writeValueAsBytes(body));
    }

    /** The error answer of a call whose fate is a fault, or null when it gets an answer. */
    private Response fault(SandboxTraffic.Fate fate) {
        return switch (fate) {
            case RATE_LIMITED -> Response.error(429, "rate limit exceeded").retryAfter(behaviour.retryAfterSeconds());
            case THROTTLED -> Response.error(429, "simulated throttling burst").retryAfter(behaviour.retryAfterSeconds());
            case TIMEOUT -> Response.error(504, "simulated hang").hung();
            case ERROR -> Response.error(503, "simulated provider error");
            case ANSWER -> null;
        };
    }

    private static Map<String, String> contactOf(JsonNode request) {
        Map<String, String> contact = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = request.get("contact").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            contact.put(attribute.getKey(), attribute.getValue().asText());
        }
        return contact;
    }

    private static List<String> fieldsOf(JsonNode request) {
        List<String> fields = new ArrayList<>();
        request.get("fields").forEach(field -> fields.add(field.asText()));
        return fields;
    }

    /**
     * Decided by the contact alone, so every lookup of the same contact agrees, whichever fields it
     * asks for and however often it is retried.
     */
    private boolean isUnknownContact(Map<String, String> contact) {
        long bucket = Math.floorMod(SandboxProfiles.stableHash(contact, "not-found"), 1_000_000L);
        return bucket < behaviour.notFoundRate() * 1_000_000L;
    }

    private static void send(HttpExchange exchange, Response response) {
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (response.retryAfterSeconds >= 0) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(response.retryAfterSeconds));
            }
            exchange.sendResponseHeaders(response.status, response.body.length);
            out.write(response.body);
        } catch (IOException clientGone) {
            // The client timed out or disconnected; there is nobody left to answer.
        } finally {
            exchange.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Response {
        final int status;
        final byte[] body;
        long retryAfterSeconds = -1;
        boolean hang;

        Response(int status, byte[] body) {
            this.status = status;
            this.body = body;
        }

        Response retryAfter(long seconds) {
            this.retryAfterSeconds = seconds;
            return this;
        }

        /** Held for the behaviour's hang time before it is sent, so the client times out first. */
        Response hung() {
            this.hang = true;
            return this;
        }

        static Response error(int status, String message) {
            ObjectNode body = MAPPER.createObjectNode().put("error", message);
            try {
                return new Response(status, MAPPER.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
