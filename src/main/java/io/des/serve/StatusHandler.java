package io.des.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /status}: 200 {@code {"status":"ok"}} when the service is ready, else 503 {@code
 * {"status":"unavailable"}}, so callers can check DES is operating before they send data. A
 * readiness check that throws counts as not ready.
 */
public final class StatusHandler implements HttpHandler {

    /** The path this handler serves. */
    public static final String PATH = "/status";

    private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

    private final BooleanSupplier ready;

    /** @param ready true when the service can serve requests; called on every request */
    public StatusHandler(BooleanSupplier ready) {
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!JsonExchanges.requireGet(exchange) || !JsonExchanges.requirePath(exchange, PATH)) {
                return;
            }
            boolean isReady;
            try {
                isReady = ready.getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warn("Readiness check failed", e);
                isReady = false;
            }
            JsonExchanges.send(exchange, isReady ? 200 : 503, Map.of("status", isReady ? "ok" : "unavailable"));
        }
    }
}
