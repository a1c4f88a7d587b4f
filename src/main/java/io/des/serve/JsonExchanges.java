package io.des.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers on the JDK HTTP server, the same way for every handler. */
final class JsonExchanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonExchanges() {}

    static void send(HttpExchange exchange, int statusCode, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(statusCode, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** {@code {"error": message}} plus {@code "parameter"} when one parameter is at fault. */
    static void sendError(HttpExchange exchange, int statusCode, String message, String parameter)
            throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        send(exchange, statusCode, body);
    }

    /**
     * Answers 404 unless the request path is {@code path} (or {@code path/}): the server routes by
     * prefix, so {@code /statusx} would otherwise reach the {@code /status} handler.
     */
    static boolean requirePath(HttpExchange exchange, String path) throws IOException {
        String requested = exchange.getRequestURI().getPath();
        if (path.equals(requested) || (path + "/").equals(requested)) {
            return true;
        }
        sendError(exchange, 404, "no such resource", null);
        return false;
    }

    /** Answers 405 unless the request is a GET; returns whether it was. */
    static boolean requireGet(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET");
        sendError(exchange, 405, "method " + exchange.getRequestMethod() + " not allowed; use GET", null);
        return false;
    }
}
