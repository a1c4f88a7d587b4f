package io.des.serve;

import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /status}: 200 {@code {"status":"ok"}} when the service is ready, else 503 {@code
 * not_ready} (an error like every other), so callers can check DES is operating before they send
 * data. A readiness check that throws counts as not ready.
 */
public final class StatusHandler implements ApiHandler {

    /** The path this handler serves. */
    public static final String PATH = "/status";

    private static final Logger LOG = LoggerFactory.getLogger(StatusHandler.class);

    private final BooleanSupplier ready;

    /** @param ready true when the service can serve requests; called on every request */
    public StatusHandler(BooleanSupplier ready) {
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        boolean isReady;
        try {
            isReady = ready.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("Readiness check failed", e);
            isReady = false;
        }
        return isReady
                ? ApiResponse.json(200, Map.of("status", "ok"))
                : ApiError.of(ErrorCode.NOT_READY, "DES is not ready yet (the enrichment job is not running); retry later")
                        .toResponse();
    }
}
