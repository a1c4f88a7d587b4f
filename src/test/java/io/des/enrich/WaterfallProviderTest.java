package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Field-by-field waterfalls over scripted in-memory providers. */
class WaterfallProviderTest {

    private static final List<String> EMAIL_AND_TITLE = List.of("professional_email", "job_title");
    private static final RetryPolicy TWO_QUICK_ATTEMPTS =
            new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), 1);

    private final Map<String, List<List<String>>> callsByProvider = new LinkedHashMap<>();

    @Test
    void nextProviderIsAskedOnlyForTheFieldsThePreviousDidNotFind() {
        Provider first = scripted("first", fields -> LookupResult.found(Map.of("professional_email", "a@x.org")));
        Provider second = scripted("second", fields -> LookupResult.found(Map.of("job_title", "CTO", "professional_email", "b@x.org")));

        LookupResult result = waterfall(first, second).lookup(contact(), EMAIL_AND_TITLE).join();

        assertEquals(Map.of("professional_email", "a@x.org", "job_title", "CTO"), result.values());
        assertEquals(Map.of("professional_email", "first", "job_title", "second"), result.sources());
        assertEquals(List.of(List.of("job_title")), callsByProvider.get("second"));
    }

    @Test
    void aProviderThatFailsForGoodHandsItsFieldsToTheNext() {
        Provider first = scripted("first", fields -> LookupResult.failed(FailureClassifier.fromHttpStatus(503, null)));
        Provider second = scripted("second", fields -> LookupResult.found(Map.of("professional_email", "b@x.org")));

        LookupResult result = waterfall(first, second).lookup(contact(), EMAIL_AND_TITLE).join();

        assertEquals(2, callsByProvider.get("first").size(), "retried as its policy allows");
        assertEquals(Map.of("professional_email", "second"), result.sources());
        assertTrue(result.fieldFailures().get("job_title").reason().contains("first: provider returned 503 after 2 attempts"),
                result::toString);
    }

    @Test
    void fieldsNobodyFoundAreNotFoundAndFailuresWithoutAValueAreFailed() {
        Provider first = scripted("first", fields -> LookupResult.noneFound());
        Provider second = scripted("second", fields -> LookupResult.failed(FailureClassifier.fromHttpStatus(400, null)));

        ContactRecord contact = contact();
        LookupResult result = waterfall(first, second).lookup(contact, EMAIL_AND_TITLE).join();
        EnrichedRecord record = EnrichedRecords.fromLookup(contact, EMAIL_AND_TITLE,
                new AttemptedLookup(result, 1), WaterfallProvider.NAME, 0);

        assertEquals(1, callsByProvider.get("second").size(), "a fatal 400 is not retried");
        assertEquals("failed", record.status);
        assertEquals(Map.of("professional_email", "failed", "job_title", "failed"), record.fieldStatus);
        assertTrue(record.reason.contains("professional_email: second: provider returned 400 after 1 attempt"), record.reason);
    }

    @Test
    void partlyEnrichedRecordNamesItsFailedFields() {
        Provider only = scripted("only", fields -> LookupResult.perField(Map.of("job_title", "CTO"), Map.of(),
                Map.of("professional_email", new LookupFailure("quota exceeded", false, null))));
        ContactRecord contact = contact();
        LookupResult result = waterfall(only).lookup(contact, EMAIL_AND_TITLE).join();
        EnrichedRecord record = EnrichedRecords.fromLookup(contact, EMAIL_AND_TITLE,
                new AttemptedLookup(result, 1), WaterfallProvider.NAME, 0);

        assertEquals("enriched", record.status);
        assertEquals("only", record.sources.get("job_title"));
        assertEquals("failed", record.fieldStatus.get("professional_email"));
        assertTrue(record.reason.startsWith("professional_email: only: quota exceeded"), record.reason);
    }

    @Test
    void aFieldWithoutProvidersFailsWithAReason() {
        Provider only = scripted("only", fields -> LookupResult.noneFound());
        LookupResult result = new WaterfallProvider(Map.of("only", retrying(only)),
                Map.of("job_title", List.of("only")), List.of(), Executors.newSingleThreadScheduledExecutor())
                .lookup(contact(), EMAIL_AND_TITLE).join();
        assertEquals("no provider configured for professional_email",
                result.fieldFailures().get("professional_email").reason());
    }

    @Test
    void cancellingTheLookupCancelsTheProviderCallsStillPending() {
        CompletableFuture<LookupResult> neverAnswered = new CompletableFuture<>();
        Provider silent = new Provider() {
            @Override
            public String name() {
                return "silent";
            }

            @Override
            public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
                return neverAnswered;
            }

            @Override
            public void close() {}
        };

        CompletableFuture<LookupResult> lookup = waterfall(silent).lookup(contact(), EMAIL_AND_TITLE);
        lookup.cancel(false);

        assertTrue(neverAnswered.isCancelled(), "a timed-out record must withdraw its queued calls");
    }

    @Test
    void cancelledCallWaitingAtTheGateIsNeverSent() {
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Provider counting = scripted("counting", fields -> {
            sent.incrementAndGet();
            return LookupResult.noneFound();
        });
        RequestGate oneAtATime = new RequestGate(1, 0,
                new org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService(), System::nanoTime);
        CompletableFuture<Void> blocker = oneAtATime.acquire();
        GuardedProvider guarded = new GuardedProvider(counting, new CircuitBreaker(5, 1, System::nanoTime), oneAtATime,
                new ProviderMetrics(new ProviderContext(1, new org.apache.flink.metrics.groups.UnregisteredMetricsGroup()), "counting", () -> 0),
                Duration.ofSeconds(60), System::nanoTime);

        CompletableFuture<LookupResult> queued = guarded.lookup(contact(), EMAIL_AND_TITLE);
        queued.cancel(false);
        oneAtATime.release(false, null);

        assertTrue(blocker.isDone());
        assertEquals(0, sent.get());
        assertEquals(0, oneAtATime.waitingCalls());
    }

    private WaterfallProvider waterfall(Provider... providers) {
        Map<String, RetryingLookup> lookups = new LinkedHashMap<>();
        List<String> chain = new ArrayList<>();
        for (Provider provider : providers) {
            lookups.put(provider.name(), retrying(provider));
            chain.add(provider.name());
        }
        return new WaterfallProvider(lookups, Map.of("professional_email", chain, "job_title", chain), List.of(),
                Executors.newSingleThreadScheduledExecutor());
    }

    private static RetryingLookup retrying(Provider provider) {
        return new RetryingLookup(provider, TWO_QUICK_ATTEMPTS, Runnable::run, () -> 0.5, () -> { });
    }

    private Provider scripted(String name, Function<List<String>, LookupResult> answer) {
        return new ScriptedProvider(name, fields -> {
            synchronized (callsByProvider) {
                callsByProvider.computeIfAbsent(name, n -> new ArrayList<>()).add(fields);
            }
            return answer.apply(fields);
        });
    }

    private static ContactRecord contact() {
        return TestContacts.adaAtAcme(0, EMAIL_AND_TITLE);
    }
}
