package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** A provider's Retry-After is obeyed up to its cap; above it the provider is skipped for that long. */
class RetryAfterCapTest {

    private static final List<String> EMAIL = List.of("professional_email");
    private static final Duration CAP = Duration.ofSeconds(60);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final ManuallyTriggeredScheduledExecutorService scheduler = new ManuallyTriggeredScheduledExecutorService();
    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aWaitWithinTheCapStaysARetryableThrottleAndPausesTheGate() {
        CircuitBreaker breaker = breaker();
        RequestGate gate = new RequestGate(4, 0, scheduler, now::get);
        GuardedProvider guarded = guarded(answering(() -> throttled(Duration.ofSeconds(60))), breaker, gate);

        LookupFailure failure = guarded.lookup(contact(), EMAIL).join().failure().orElseThrow();

        assertTrue(failure.retryable());
        assertEquals(Optional.of(Duration.ofSeconds(60)), failure.retryAfter(), "honoured up to the cap, inclusive");
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        guarded.lookup(contact(), EMAIL);
        assertEquals(1, calls.get(), "the next call waits at the gate for the pause");
        assertEquals(1, gate.waitingCalls());
    }

    @Test
    void aWaitAboveTheCapIsAFinalFailureAndTheProviderIsSkippedThatLong() {
        CircuitBreaker breaker = breaker();
        RequestGate gate = new RequestGate(4, 0, scheduler, now::get);
        GuardedProvider guarded = guarded(answering(() -> throttled(Duration.ofSeconds(86_400))), breaker, gate);

        LookupFailure failure = guarded.lookup(contact(), EMAIL).join().failure().orElseThrow();

        assertFalse(failure.retryable(), "nobody waits a day for a provider");
        assertTrue(failure.retryAfter().isEmpty());
        assertEquals("provider returned 429 with Retry-After 86400 s, above the 60 s cap: provider unavailable that long",
                failure.reason());
        LookupFailure refused = guarded.lookup(contact(), EMAIL).join().failure().orElseThrow();
        assertFalse(refused.retryable());
        assertEquals(1, calls.get(), "refused at once, not sent, not queued");
        assertEquals(0, gate.waitingCalls());

        now.addAndGet(86_399 * SECOND);
        guarded.lookup(contact(), EMAIL).join();
        assertEquals(1, calls.get(), "still unavailable a second before the end of the wait");
        now.addAndGet(SECOND);
        guarded.lookup(contact(), EMAIL).join();
        assertEquals(2, calls.get(), "one trial call once the wait is over");
    }

    @Test
    void hugeWaitsCannotOverflow() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse("99999999999999999999999999", clock));
        assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse("9223372036854775807", clock));
        assertEquals(Optional.of(RetryAfter.LONGEST), RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", clock));
        assertEquals(Optional.of(Duration.ofSeconds(86_400)), RetryAfter.parse("0086400", clock));

        CircuitBreaker breaker = breaker();
        GuardedProvider guarded = guarded(answering(() -> throttled(Duration.ofSeconds(Long.MAX_VALUE))), breaker,
                new RequestGate(4, 0, scheduler, now::get));
        assertFalse(guarded.lookup(contact(), EMAIL).join().failure().orElseThrow().retryable());
        now.addAndGet(RetryAfter.LONGEST.toNanos() - SECOND);
        guarded.lookup(contact(), EMAIL).join();
        assertEquals(1, calls.get(), "unavailable for the longest readable wait, without overflowing the clock");
        assertEquals(RetryAfter.LONGEST, RetryPolicy.defaults().backoff(1, Duration.ofSeconds(Long.MAX_VALUE), () -> 0),
                "a provider's absurd floor saturates instead of overflowing the backoff");
    }

    @Test
    void theWaterfallMovesToTheNextProviderAtOnce() throws Exception {
        GuardedProvider parked = guarded(answering(() -> throttled(Duration.ofSeconds(86_400))), breaker(),
                new RequestGate(4, 0, scheduler, now::get));
        Provider next = named("next", () -> LookupResult.found(Map.of("professional_email", "ada@acme.example")));
        Map<String, RetryingLookup> lookups = new LinkedHashMap<>();
        lookups.put("parked", new RetryingLookup(parked, RetryPolicy.defaults(), Runnable::run, () -> 0.5, () -> { }));
        lookups.put("next", new RetryingLookup(next, RetryPolicy.defaults(), Runnable::run, () -> 0.5, () -> { }));
        WaterfallProvider waterfall = new WaterfallProvider(lookups, Map.of("professional_email", List.of("parked", "next")),
                List.of(), Executors.newSingleThreadScheduledExecutor());

        LookupResult result = waterfall.lookup(contact(), EMAIL).get(5, TimeUnit.SECONDS);

        assertEquals(Map.of("professional_email", "next"), result.sources());
        assertEquals(1, calls.get(), "the parked provider was asked once, not retried after its wait");
        waterfall.close();
    }

    private static LookupResult throttled(Duration retryAfter) {
        return LookupResult.failed(FailureClassifier.fromHttpStatus(429, retryAfter, true));
    }

    private CircuitBreaker breaker() {
        return new CircuitBreaker(10, 30 * SECOND, now::get);
    }

    private GuardedProvider guarded(Provider provider, CircuitBreaker breaker, RequestGate gate) {
        return new GuardedProvider(provider, breaker, gate,
                new ProviderMetrics(new ProviderContext(1, new UnregisteredMetricsGroup()), provider.name(), () -> 0), CAP, now::get);
    }

    private Provider answering(Supplier<LookupResult> answer) {
        return named("parked", () -> {
            calls.incrementAndGet();
            return answer.get();
        });
    }

    private static Provider named(String name, Supplier<LookupResult> answer) {
        return new ScriptedProvider(name, fields -> answer.get());
    }

    private static ContactRecord contact() {
        return TestContacts.adaAtAcme(0, EMAIL);
    }
}
