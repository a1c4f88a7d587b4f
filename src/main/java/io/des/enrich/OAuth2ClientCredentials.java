package io.des.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * OAuth2 client-credentials tokens for one provider: fetched asynchronously, shared by all
 * concurrent requests (one fetch in flight at a time), renewed {@value #RENEW_BEFORE_EXPIRY_SECONDS}
 * s before they expire or at once after the provider rejects one.
 *
 * <p>A token request has a deadline (headers and body) and a body cap, as every provider call: a
 * token endpoint that hangs or fails fails the lookups waiting for that token, retryable, and the
 * next lookup (a retry included) starts a new fetch; no lookup is ever left waiting on a fetch
 * that cannot end.
 */
final class OAuth2ClientCredentials implements ProviderAuth.Session {

    static final long RENEW_BEFORE_EXPIRY_SECONDS = 30;
    private static final long DEFAULT_LIFETIME_SECONDS = 300;
    private static final long MAX_LIFETIME_SECONDS = TimeUnit.DAYS.toSeconds(365);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final URI tokenUrl;
    private final String clientAuthorization;
    private final String scope;
    private final Duration timeout;
    private final long maxTokenBytes;
    private final LongSupplier nanoClock;
    private CompletableFuture<Map<String, String>> current;
    private long renewAtNanos;

    OAuth2ClientCredentials(HttpClient client, URI tokenUrl, String clientAuthorization, String scope,
            Duration timeout, long maxTokenBytes, LongSupplier nanoClock) {
        this.client = client;
        this.tokenUrl = tokenUrl;
        this.clientAuthorization = clientAuthorization;
        this.scope = scope;
        this.timeout = timeout;
        this.maxTokenBytes = maxTokenBytes;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized CompletableFuture<Map<String, String>> headers() {
        boolean expired = current != null && current.isDone() && nanoClock.getAsLong() >= renewAtNanos;
        if (current == null || current.isCompletedExceptionally() || expired) {
            current = fetch();
        }
        return current;
    }

    @Override
    public synchronized void rejected() {
        if (current != null && current.isDone()) {
            current = null;
        }
    }

    private CompletableFuture<Map<String, String>> fetch() {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", clientAuthorization)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return BoundedExchange.send(client, CompletableFuture.completedFuture(request), timeout, maxTokenBytes)
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(tokenFailure(unwrap(error) instanceof TimeoutException
                                ? "no answer within " + timeout.toMillis() + " ms"
                                : FailureClassifier.fromException(error).reason()));
                    }
                    return token(response);
                });
    }

    private Map<String, String> token(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new CompletionException(tokenFailure("token endpoint returned " + response.statusCode()));
        }
        JsonNode token;
        try {
            token = MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new CompletionException(tokenFailure("token endpoint sent malformed JSON"));
        }
        String accessToken = token == null ? "" : token.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new CompletionException(tokenFailure("token endpoint sent no access_token"));
        }
        // Bounded, so that an absurd expires_in cannot overflow the renewal time.
        long lifetime = Math.min(MAX_LIFETIME_SECONDS, token.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS));
        synchronized (this) {
            renewAtNanos = nanoClock.getAsLong()
                    + TimeUnit.SECONDS.toNanos(Math.max(0, lifetime - RENEW_BEFORE_EXPIRY_SECONDS));
        }
        return Map.of("Authorization", "Bearer " + accessToken);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Retryable: the next lookup fetches a new token. */
    private static ProviderCallException tokenFailure(String reason) {
        return new ProviderCallException(new LookupFailure("OAuth2 token request failed: " + reason, true, null));
    }
}
