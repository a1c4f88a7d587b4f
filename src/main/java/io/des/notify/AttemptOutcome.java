package io.des.notify;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * How one delivery attempt ended, classified once here: delivered (2xx), gone (410: the receiver
 * asks to stop, as Standard Webhooks says a sender should), or worth retrying (everything else: any
 * other status, 3xx included since redirects are not followed; timeouts; connection and TLS
 * failures; a URL the policy refuses now, since DNS may change back; a tenant without a secret).
 * Even 4xx are retried until the deadline: a receiver's 401 or 404 is usually a deployment being
 * fixed, and a day of backoff costs DES almost nothing.
 *
 * @param description what the attempt history shows: the HTTP status ({@code 200}, {@code 503})
 *     or a short reason ({@code timeout}, {@code connection refused}, {@code url refused: …});
 *     never a secret, never an address the client did not give
 * @param verdict what the attempt means for the delivery
 * @param retryAfter the receiver's {@code Retry-After}, or null
 */
public record AttemptOutcome(String description, Verdict verdict, Duration retryAfter) {

    /** What an attempt means for its delivery. */
    public enum Verdict {
        DELIVERED,
        RETRY,
        GONE
    }

    private static final int GONE_STATUS = 410;
    private static final int MAX_DETAIL = 200;

    public AttemptOutcome {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(verdict, "verdict");
    }

    public boolean succeeded() {
        return verdict == Verdict.DELIVERED;
    }

    /** The receiver answered {@code status}. */
    public static AttemptOutcome ofStatus(int status, Duration retryAfter) {
        String description = Integer.toString(status);
        if (status >= 200 && status <= 299) {
            return new AttemptOutcome(description, Verdict.DELIVERED, null);
        }
        return new AttemptOutcome(description, status == GONE_STATUS ? Verdict.GONE : Verdict.RETRY, retryAfter);
    }

    /** The attempt failed before an answer (unwrapping completion wrappers). */
    public static AttemptOutcome ofFailure(Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String description;
        if (cause instanceof HttpConnectTimeoutException) {
            description = "connect timeout";
        } else if (cause instanceof HttpTimeoutException) {
            description = "timeout";
        } else if (cause instanceof ConnectException) {
            description = "connection refused";
        } else if (cause instanceof SSLException) {
            description = "tls failure";
        } else {
            String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
            description = cause.getClass().getSimpleName() + message;
        }
        return retry(description);
    }

    /** The callback URL is refused by the policy now (checked before every attempt). */
    public static AttemptOutcome urlRefused(String reason) {
        return retry("url refused: " + reason);
    }

    /** The tenant has no webhook secret to sign with; nothing unsigned is ever sent. */
    public static AttemptOutcome noSecret() {
        return retry("no webhook secret for the tenant");
    }

    private static AttemptOutcome retry(String description) {
        String bounded = description.length() > MAX_DETAIL ? description.substring(0, MAX_DETAIL) + "…" : description;
        return new AttemptOutcome(bounded, Verdict.RETRY, null);
    }
}
