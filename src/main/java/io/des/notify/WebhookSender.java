package io.des.notify;

import io.des.enrich.RetryAfter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * POSTs one signed webhook and reports how it went. Never throws and never completes
 * exceptionally: every failure becomes an {@link AttemptOutcome}.
 *
 * <p>Only the status matters, so the answer's body is never read: its stream is closed as soon as
 * the headers are in, and a receiver that streams a long answer cannot hold a sending slot. The
 * request timeout covers sending and waiting for the answer's headers.
 */
final class WebhookSender {

    static final String USER_AGENT = "DES-Webhooks/1.0";

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    WebhookSender(HttpClient client, Duration requestTimeout, Clock clock) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
    }

    CompletableFuture<AttemptOutcome> send(URI url, WebhookHeaders headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : headers.asMap().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        try {
            return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                    .handle((response, failure) -> failure != null ? AttemptOutcome.ofFailure(failure) : outcome(response));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(AttemptOutcome.ofFailure(e));
        }
    }

    private AttemptOutcome outcome(HttpResponse<InputStream> response) {
        try (InputStream ignored = response.body()) {
            return AttemptOutcome.ofStatus(response.statusCode(),
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock).orElse(null));
        } catch (IOException closing) {
            // The status is in; failing to close the unread body changes nothing about it.
            return AttemptOutcome.ofStatus(response.statusCode(), null);
        }
    }
}
