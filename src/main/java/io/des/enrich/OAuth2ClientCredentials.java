package io.des.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * OAuth2 client-credentials tokens for one provider: fetched asynchronously, shared by all
 * concurrent requests (one fetch in flight at a time), renewed {@value #RENEW_BEFORE_EXPIRY_SECONDS}
 * s before they expire or at once after the provider rejects one.
 */
final class OAuth2ClientCredentials implements ProviderAuth.Session {

    static final long RENEW_BEFORE_EXPIRY_SECONDS = 30;
    private static final long DEFAULT_LIFETIME_SECONDS = 300;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client;
    private final URI tokenUrl;
    private final String clientAuthorization;
    private final String scope;
    private final LongSupplier nanoClock;
    private CompletableFuture<Map<String, String>> current;
    private long renewAtNanos;

    OAuth2ClientCredentials(HttpClient client, URI tokenUrl, String clientAuthorization, String scope,
            LongSupplier nanoClock) {
        this.client = client;
        this.tokenUrl = tokenUrl;
        this.clientAuthorization = clientAuthorization;
        this.scope = scope;
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
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint returned " + response.statusCode());
            }
            JsonNode token;
            try {
                token = MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("token endpoint sent malformed JSON", e);
            }
            String accessToken = token.path("access_token").asText("");
            if (accessToken.isEmpty()) {
                throw new IllegalStateException("token endpoint sent no access_token");
            }
            long lifetime = token.path("expires_in").asLong(DEFAULT_LIFETIME_SECONDS);
            synchronized (this) {
                renewAtNanos = nanoClock.getAsLong()
                        + TimeUnit.SECONDS.toNanos(Math.max(0, lifetime - RENEW_BEFORE_EXPIRY_SECONDS));
            }
            return Map.of("Authorization", "Bearer " + accessToken);
        });
    }
}
