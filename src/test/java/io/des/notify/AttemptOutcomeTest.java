package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttemptOutcomeTest {

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void everyTwoHundredIsDelivered(int status) {
        AttemptOutcome outcome = AttemptOutcome.ofStatus(status, Duration.ofSeconds(9));

        assertEquals(AttemptOutcome.Verdict.DELIVERED, outcome.verdict());
        assertEquals(Integer.toString(status), outcome.description());
        assertTrue(outcome.succeeded());
        assertNull(outcome.retryAfter());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 302, 400, 401, 404, 408, 429, 500, 502, 503, 504})
    void everyOtherStatusButGoneIsRetried(int status) {
        AttemptOutcome outcome = AttemptOutcome.ofStatus(status, Duration.ofSeconds(9));

        assertEquals(AttemptOutcome.Verdict.RETRY, outcome.verdict());
        assertFalse(outcome.succeeded());
        assertEquals(Duration.ofSeconds(9), outcome.retryAfter());
    }

    @Test
    void goneStopsDeliveries() {
        assertEquals(AttemptOutcome.Verdict.GONE, AttemptOutcome.ofStatus(410, null).verdict());
    }

    @Test
    void failuresBeforeAnAnswerAreNamedShortlyAndRetried() {
        assertEquals("connect timeout", AttemptOutcome.ofFailure(new HttpConnectTimeoutException("x")).description());
        assertEquals("timeout", AttemptOutcome.ofFailure(new CompletionException(new HttpTimeoutException("x"))).description());
        assertEquals("connection refused", AttemptOutcome.ofFailure(new ConnectException()).description());
        assertEquals("tls failure", AttemptOutcome.ofFailure(new SSLHandshakeException("PKIX path")).description());
        assertEquals("IOException: closed", AttemptOutcome.ofFailure(new IOException("closed")).description());
        assertEquals(AttemptOutcome.Verdict.RETRY, AttemptOutcome.ofFailure(new IOException("closed")).verdict());
    }

    @Test
    void refusalsAreRetriedAndLongDetailIsCut() {
        AttemptOutcome refused = AttemptOutcome.urlRefused("host a.example resolves to a private address");
        AttemptOutcome verbose = AttemptOutcome.ofFailure(new IOException("x".repeat(1_000)));

        assertEquals("url refused: host a.example resolves to a private address", refused.description());
        assertEquals(AttemptOutcome.Verdict.RETRY, refused.verdict());
        assertEquals(AttemptOutcome.Verdict.RETRY, AttemptOutcome.noSecret().verdict());
        assertEquals(201, verbose.description().length());
    }
}
