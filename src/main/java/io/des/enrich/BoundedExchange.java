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

/**
 * One HTTP exchange with a provider under one deadline and a body cap.
 *
 * <p>{@link HttpRequest#timeout} stops counting once the response headers arrive, so a provider
 * trickling its body byte by byte would hold a lookup (and its gate slot) for ever. Here the
 * deadline covers everything from the start: waiting for the request (an OAuth2 token), the
 * headers and the whole body. When it passes, the future fails with a {@link TimeoutException}; a
 * body still arriving is cancelled by its subscriber, which closes that connection. Before the
 * headers, the request's own timeout (the same duration, from the send) ends the exchange: the
 * client's future is not cancelled from outside, since that can tear down a connection the client
 * is already reusing. Never blocks: the deadline is a timer of {@link CompletableFuture#orTimeout}.
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
        request.thenCompose(ready -> bounded.isDone()
                ? CompletableFuture.<HttpResponse<byte[]>>failedFuture(new HttpTimeoutException("deadline passed"))
                : client.sendAsync(ready, body)).whenComplete((response, error) -> {
            if (error == null) {
                bounded.complete(response);
            } else {
                bounded.completeExceptionally(error);
            }
        });
        bounded.orTimeout(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS).whenComplete((response, error) -> {
            if (error instanceof TimeoutException || bounded.isCancelled()) {
                body.abort();
            }
        });
        return bounded;
    }
}
