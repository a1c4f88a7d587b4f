package io.des.api;

import io.des.api.tenant.ApiKeys;
import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /metrics}: the {@link ApiMetrics} in the Prometheus text format, for a scraper.
 *
 * <p>Not a tenant's route: the figures are the whole service's (counts by route template and
 * status, latencies, webhook attempts), with no tenant, ERID, path or key in them. Still, they tell
 * how busy DES is, so with an operator token ({@code DES_METRICS_TOKEN}) the scraper must send
 * {@code Authorization: Bearer <token>} (or {@code X-API-Key}, as keys travel); without one the route is open, which only local mode
 * allows ({@link ApiMain} serves {@code /metrics} only with a token).
 */
final class MetricsHandler implements ApiHandler {

    /** The path this handler serves. */
    static final String PATH = "/metrics";

    private final ApiMetrics metrics;
    private final Optional<byte[]> token;
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);

    /** @param token the bearer token a scraper must send; empty for none */
    MetricsHandler(ApiMetrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.token = token.map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (token.isPresent() && !tokenMatches(ApiKeys.presented(request))) {
            return ApiError.of(ErrorCode.UNAUTHORIZED, "GET /metrics needs the operators' metrics token as a bearer token")
                    .toResponse();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            writer.write(body, metrics.registry().scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new ApiResponse(200, Map.of("Content-Type", writer.getContentType()), body.toByteArray());
    }

    /** Constant-time, so that the answer's timing tells nothing about the token. */
    private boolean tokenMatches(String presented) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token.get());
    }
}
