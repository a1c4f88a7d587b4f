package io.des.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.enrich.RetryAfter;
import io.des.notify.RetrySchedule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * DES over HTTP: adds the API key, sends again what {@link ResendPolicy} says is worth resending,
 * and turns every other error answer into a {@link DesApiException}.
 */
final class DesHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Answers that say "not now": DES's own 503 and 429, and a load balancer's 502 and 504. */
    private static final Set<Integer> RESENDABLE = Set.of(429, 502, 503, 504);

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ResendPolicy resend;
    private final RetrySchedule backoff;
    private final Sleeper sleeper;
    private final Clock clock;

    DesHttp(URI base, String apiKey, HttpClient http, Duration requestTimeout, ResendPolicy resend, Sleeper sleeper,
            Clock clock, DoubleSupplier uniform) {
        this.base = base;
        this.apiKey = apiKey;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.resend = resend;
        // The schedule's deadline plays no part here: the number of attempts bounds the resends.
        this.backoff = new RetrySchedule(resend.firstDelay(), resend.maxDelay(), 2.0, RetrySchedule.Jitter.EQUAL,
                Duration.ofDays(1), uniform);
        this.sleeper = sleeper;
        this.clock = clock;
    }

    URI base() {
        return base;
    }

    /** A GET answered 200, as JSON. */
    JsonNode get(String target) {
        return answer(send(request(target).GET()));
    }

    /** A GET answered 200 as JSON, or empty when answered 404 {@code not_found}. */
    Optional<JsonNode> getUnlessNotFound(String target) {
        try {
            return Optional.of(get(target));
        } catch (DesApiException e) {
            if (e.status() == 404 && "not_found".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A POST of a JSON body answered 2xx, as JSON. */
    JsonNode post(String target, byte[] json) {
        return answer(send(request(target).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))));
    }

    private HttpRequest.Builder request(String target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(target.substring(1))).timeout(requestTimeout)
                .header("Accept", "application/json");
        return apiKey == null ? builder : builder.header("Authorization", "Bearer " + apiKey);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (!RESENDABLE.contains(response.statusCode()) || attempt >= resend.maxAttempts()) {
                    return response;
                }
                wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                        .orElse(backoff.delay(attempt));
            } catch (IOException e) {
                if (attempt >= resend.maxAttempts()) {
                    throw new DesException("could not reach DES at " + base + " (" + attempt + " attempts): " + e, e);
                }
                wait = backoff.delay(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DesException("interrupted while calling DES", e);
            }
            pause(wait);
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DesException("interrupted while waiting to resend", e);
        }
    }

    private static JsonNode answer(HttpResponse<byte[]> response) {
        if (response.statusCode() / 100 != 2) {
            throw error(response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DesException("DES answered " + response.statusCode() + " with a body that is not JSON", e);
        }
    }

    private static DesApiException error(HttpResponse<byte[]> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = null;
        }
        if (body == null || !body.path("code").isTextual()) {
            String text = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return new DesApiException(response.statusCode(), "http_" + response.statusCode(),
                    text.length() > 200 ? text.substring(0, 200) + "…" : text, null, null, null, requestId);
        }
        return new DesApiException(response.statusCode(), body.path("code").asText(), body.path("error").asText(),
                body.path("field").asText(null), body.path("parameter").asText(null), body.path("limit").asText(null),
                requestId);
    }
}
