package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureClassificationTest {

    @Test
    void serverErrorsAndTooManyRequestsAreRetryableOtherClientErrorsAreNot() {
        assertTrue(FailureClassifier.fromHttpStatus(500, null).retryable());
        assertTrue(FailureClassifier.fromHttpStatus(503, null).retryable());
        assertTrue(FailureClassifier.fromHttpStatus(429, null).retryable());
        assertFalse(FailureClassifier.fromHttpStatus(400, null).retryable());
        assertFalse(FailureClassifier.fromHttpStatus(401, null).retryable());
        assertFalse(FailureClassifier.fromHttpStatus(422, null).retryable());
    }

    @Test
    void retryAfterIsKeptOnlyForRetryableStatuses() {
        Duration hint = Duration.ofSeconds(3);

        assertEquals(Optional.of(hint), FailureClassifier.fromHttpStatus(503, hint).retryAfter());
        assertEquals(Optional.empty(), FailureClassifier.fromHttpStatus(403, hint).retryAfter());
    }

    @Test
    void wrappedTimeoutsAndConnectionErrorsAreRetryable() {
        LookupFailure timeout = FailureClassifier.fromException(new CompletionException(new HttpTimeoutException("slow")));
        LookupFailure refused = FailureClassifier.fromException(new CompletionException(new ConnectException()));

        assertTrue(timeout.retryable());
        assertEquals("provider request timeout", timeout.reason());
        assertTrue(refused.retryable());
        assertTrue(FailureClassifier.fromException(new IOException("reset")).retryable());
    }

    @Test
    void unexpectedExceptionsAreNotRetried() {
        assertFalse(FailureClassifier.fromException(new IllegalStateException("bug")).retryable());
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", clock));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sat, 21 Nov 2026 09:00:00 GMT", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    }
}
