package io.des.enrich;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Decides which provider failures are worth retrying.
 *
 * <p>Retryable: 5xx (the provider is struggling), 429 (we are too fast), timeouts and connection
 * errors (the network or the provider is briefly away). Fatal: every other 4xx, because the same
 * request will be rejected again, and unexpected exceptions, which are bugs rather than weather.
 */
public final class FailureClassifier {

    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;

    private FailureClassifier() {}

    /**
     * Classifies an HTTP status that is neither success nor "not found".
     *
     * @param retryAfter the parsed {@code Retry-After} header, or null
     */
    public static LookupFailure fromHttpStatus(int status, Duration retryAfter) {
        boolean retryable = status == TOO_MANY_REQUESTS || (status >= 500 && status <= 599);
        return fromHttpStatus(status, retryAfter, retryable);
    }

    /**
     * Classifies an HTTP status with the provider's own list of retryable statuses.
     *
     * <p>429, and 503 with a {@code Retry-After}, are marked throttled whatever the list says: the
     * provider is telling us our pace, not that it is broken.
     */
    public static LookupFailure fromHttpStatus(int status, Duration retryAfter, boolean retryable) {
        boolean throttled = status == TOO_MANY_REQUESTS || (status == SERVICE_UNAVAILABLE && retryAfter != null);
        Duration kept = retryable || throttled ? retryAfter : null;
        return new LookupFailure("provider returned " + status, retryable, kept, throttled);
    }

    /** Classifies an exception raised by a provider call (unwrapping completion wrappers). */
    public static LookupFailure fromException(Throwable thrown) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof ProviderCallException stated) {
            return stated.failure();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new LookupFailure("provider connect timeout", true, null);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return new LookupFailure("provider request timeout", true, null);
        }
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
            return new LookupFailure("provider connection failed: " + describe(cause), true, null);
        }
        if (cause instanceof IOException) {
            return new LookupFailure("provider I/O error: " + describe(cause), true, null);
        }
        return new LookupFailure("provider call failed: " + describe(cause), false, null);
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
