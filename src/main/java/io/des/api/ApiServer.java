package io.des.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One HTTP server for both APIs: {@code POST /v2/enriched_data} to ingest,
 * {@code GET /v2/enriched_data} to serve, {@code GET /status} for readiness. Local mode runs it
 * next to the job; in AWS {@link ApiMain} runs it behind API Gateway or a load balancer, with
 * Kinesis and Athena behind the same handlers.
 */
public final class ApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService workers;

    private ApiServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /**
     * Turns Nagle's algorithm off in the JDK HTTP server; with it on, every answer waited ~40 ms for
     * a delayed ACK (measured, docs/benchmarks.md). Read once when the JDK's server configuration
     * loads, so a process calls this before creating its first {@code HttpServer}.
     */
    public static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static ApiServer start(InetSocketAddress address, HttpHandler ingest, HttpHandler serving, HttpHandler status)
            throws IOException {
        disableNagle();
        HttpServer server = HttpServer.create(address, 256);
        server.createContext("/v2/enriched_data", exchange -> {
            String method = exchange.getRequestMethod();
            if (method.equals("POST")) {
                ingest.handle(exchange);
            } else if (method.equals("GET")) {
                serving.handle(exchange);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, POST");
                respond(exchange, 405, "{\"error\":\"method " + method.replaceAll("[^A-Z]", "") + " not allowed; use GET or POST\"}");
            }
        });
        server.createContext("/status", status);
        server.createContext("/", exchange -> respond(exchange, 404, "{\"error\":\"no such endpoint; see /v2/enriched_data and /status\"}"));
        ExecutorService workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "des-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.start();
        return new ApiServer(server, workers);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
