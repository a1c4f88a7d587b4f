package io.des.enrich;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with a provider under one deadline and a body cap.
 *
 * <p>{@link HttpRequest#timeout} stops counting once the response headers arrive, so a provider
 * trickling its body byte by byte would hold a lookup (and its gate slot) for ever. Here the
 * deadline covers everything from the start: waiting for the request (an OAuth2 token), the
 * headers and the whole body. When it passes, the future fails with an {@link HttpTimeoutException}
 * and the exchange is cancelled, its body subscriber included. Never blocks: the deadline is a
 * timer of {@link CompletableFuture#orTimeout}.
 */
final class BoundedExchange {

    private BoundedExchange() {}

    /**
     * @param request the request once it can be built (after any token fetch)
     * @param deadline the longest the whole exchange may take
     * @param maxBodyBytes the largest body accepted; larger fails with a {@link ProviderCallException}
     */
    static CompletableFuture<HttpResponse<byte[]>> send(HttpClient client, CompletionStage<HttpRequest> request,
            Duration deadline, long maxBodyBytes) {
        CappedBody body = new CappedBody(maxBodyBytes);
        CompletableFuture<HttpResponse<byte[]>> bounded = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpResponse<byte[]>>> sent = new AtomicReference<>();
        request.thenCompose(ready -> {
            if (bounded.isDone()) {
                return CompletableFuture.<HttpResponse<byte[]>>failedFuture(new HttpTimeoutException("deadline passed"));
            }
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(ready, body);
            sent.set(exchange);
            return exchange;
        }).whenComplete((response, error) -> {
            if (error == null) {
                bounded.complete(response);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        bounded.orTimeout(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error instanceof TimeoutException || bounded.isCancelled()) {
                body.abort();
                CompletableFuture<HttpResponse<byte[]>> exchange = sent.get();
                if (exchange != null) {
                    exchange.cancel(true);
                }
            }
        });
        return bounded;
    }
}
