package io.des.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.des.model.MovableClock;
import io.des.serve.EridState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DesClient#status} and {@link DesClient#await}'s polling rules, on an injected clock and sleeper. */
class DesClientAwaitTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final FakeDes.Answer MISSING = FakeDes.Answer.error(404, "not_found", "no enrichment request " + ERID);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();

    private DesClient client(FakeDes des, double jitter) {
        return DesClient.builder().url(des.url()).environment(name -> null).clock(clock).random(() -> jitter)
                .sleeper(wait -> {
                    waits.add(wait);
                    clock.now = clock.now.plus(wait);
                }).build();
    }

    /** Answers the given statuses in turn, then the last one for ever. */
    private static FakeDes scripted(FakeDes.Answer... answers) throws Exception {
        Iterator<FakeDes.Answer> script = List.of(answers).iterator();
        FakeDes.Answer[] last = {answers[0]};
        return new FakeDes(request -> {
            if (script.hasNext()) {
                last[0] = script.next();
            }
            return last[0];
        });
    }

    @Test
    void statusReadsTheHistoryEntryOfAnyAgeAndInexistentFromA404() throws Exception {
        try (FakeDes des = scripted(MISSING, FakeDes.entry("completed", 3, 3))) {
            DesClient client = client(des, 0);
            assertEquals(EridStatus.inexistent(ERID), client.status(ERID));

            EridStatus done = client.status(ERID.toUpperCase());
            assertEquals(EridState.COMPLETED, done.state());
            assertEquals(3, done.recordsCommitted());
            assertEquals(3L, done.numberOfRecords());
            assertEquals(java.time.LocalDate.parse("2026-11-20"), done.requestDate());
            assertEquals(Instant.parse("2026-11-20T08:05:00Z"), done.completedAt());
            assertNull(done.expiredAt());
            assertEquals(List.of("job_title"), done.fieldsToBeEnriched());
            assertEquals(new io.des.model.FieldCounts(2, 1, 0, 3), done.fields().get("job_title"));
            assertEquals(List.of("/v2/enrichment_requests/" + ERID, "/v2/enrichment_requests/" + ERID),
                    des.requests().stream().map(FakeDes.Request::target).toList());
        }
    }

    @Test
    void statusOfAnEridInProgressSaysHowManyOfItsRecordsWaitForAProvider() throws Exception {
        try (FakeDes des = scripted(FakeDes.entry("incomplete", 1, 3), FakeDes.entry("completed", 3, 3))) {
            DesClient client = client(des, 0);

            assertEquals(2L, client.status(ERID).recordsWaiting());
            assertNull(client.status(ERID).recordsWaiting(), "a completed ERID has nothing waiting to report");
        }
    }

    @Test
    void pollsWithExponentialBackoffPerPhaseUntilCompleted() throws Exception {
        try (FakeDes des = scripted(MISSING, MISSING, FakeDes.entry("incomplete", 0, 3), FakeDes.entry("incomplete", 1, 3),
                FakeDes.entry("incomplete", 2, 3), FakeDes.entry("completed", 3, 3))) {
            List<Long> seen = new ArrayList<>();
            EridStatus last = client(des, 0).await(ERID, AwaitPolicy.defaults(), status -> seen.add(status.recordsCommitted()));

            assertEquals(EridState.COMPLETED, last.state());
            assertEquals(6, des.requests().size());
            assertEquals(List.of(0L, 0L, 0L, 1L, 2L, 3L), seen);
            // Equal jitter at its floor: half the cap; the cap doubles from 1 s and starts again for the incomplete phase.
            assertEquals(List.of(ms(500), ms(1000), ms(500), ms(1000), ms(2000)), waits);
        }
    }

    @Test
    void waitsAreCappedAndJitteredWithinTheUpperHalfOfTheCap() throws Exception {
        try (FakeDes des = scripted(FakeDes.entry("incomplete", 0, 3))) {
            AwaitPolicy policy = AwaitPolicy.defaults().withAttempts(0, 6).withDelays(Duration.ofSeconds(1), Duration.ofSeconds(4));
            assertEquals(EridState.INCOMPLETE, client(des, 0.5).await(ERID, policy).state());

            assertEquals(List.of(ms(750), ms(1500), ms(3000), ms(3000), ms(3000), ms(3000)), waits);
        }
    }

    @Test
    void givesUpOnAnInexistentEridAfterItsOwnMaximumOfAttempts() throws Exception {
        try (FakeDes des = scripted(MISSING)) {
            AwaitPolicy policy = AwaitPolicy.defaults().withAttempts(3, 1_000);
            assertEquals(EridState.INEXISTENT, client(des, 0).await(ERID, policy).state());

            assertEquals(4, des.requests().size(), "the first poll and three more");
        }
    }

    @Test
    void givesUpOnAnIncompleteEridAfterItsOwnMaximumOfAttempts() throws Exception {
        try (FakeDes des = scripted(MISSING, FakeDes.entry("incomplete", 1, 3))) {
            AwaitPolicy policy = AwaitPolicy.defaults().withAttempts(10, 2);
            EridStatus last = client(des, 0).await(ERID, policy);

            assertEquals(EridState.INCOMPLETE, last.state());
            assertEquals(4, des.requests().size(), "inexistent once, then incomplete three times");
        }
    }

    @Test
    void stopsAtTheTimeoutWithTheLastStatus() throws Exception {
        try (FakeDes des = scripted(FakeDes.entry("incomplete", 1, 3))) {
            EridStatus last = client(des, 0).await(ERID, AwaitPolicy.defaults().withTimeout(Duration.ofSeconds(5)));

            assertEquals(EridState.INCOMPLETE, last.state());
            assertEquals(Duration.ofSeconds(5), waits.stream().reduce(Duration.ZERO, Duration::plus));
            assertEquals(List.of(ms(500), ms(1000), ms(2000), ms(1500)), waits, "the last wait ends at the deadline");
        }
    }

    @Test
    void anExpiredEridIsFinal() throws Exception {
        try (FakeDes des = scripted(FakeDes.entry("incomplete", 1, 3), FakeDes.entry("expired", 1, 3))) {
            EridStatus last = client(des, 0).await(ERID, AwaitPolicy.defaults());

            assertEquals(EridState.EXPIRED, last.state());
            assertEquals(Instant.parse("2026-11-27T08:00:00Z"), last.expiredAt());
            assertEquals(2, des.requests().size());
        }
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
