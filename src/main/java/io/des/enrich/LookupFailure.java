package io.des.enrich;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a lookup did not produce an answer, and whether trying again may help.
 *
 * <p>Build instances with {@link FailureClassifier} so that the retryable decision is made in one
 * place for every provider.
 */
public final class LookupFailure {

    private final String reason;
    private final boolean retryable;
    private final Duration retryAfter;
    private final boolean throttled;

    /**
     * @param reason human-readable cause, stored with a failed record (e.g. "provider returned 503")
     * @param retryable whether the same request may succeed later
     * @param retryAfter the provider's requested minimum wait before the next attempt, or null
     */
    public LookupFailure(String reason, boolean retryable, Duration retryAfter) {
        this(reason, retryable, retryAfter, false);
    }

    /**
     * @param throttled whether the provider said we are too fast (429, or 503 with Retry-After), so
     *     the caller slows down instead of counting it against the provider's health
     */
    public LookupFailure(String reason, boolean retryable, Duration retryAfter, boolean throttled) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.throttled = throttled;
    }

    /** Whether the provider asked us to slow down rather than failing. */
    public boolean throttled() {
        return throttled;
    }

    /** The same failure, no longer retryable, with {@code suffix} appended to its reason. */
    public LookupFailure finalWith(String suffix) {
        return new LookupFailure(reason + suffix, false, null, throttled);
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The provider's minimum backoff (from a {@code Retry-After} header), if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String toString() {
        return "LookupFailure{" + reason + (retryable ? ", retryable" : ", fatal")
                + (retryAfter == null ? "" : ", retryAfter=" + retryAfter) + '}';
    }
}
