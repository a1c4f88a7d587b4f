package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpirySweeperTest {

    private static final String IDLE = "00000000-0000-4000-8000-000000000001";
    private static final String ACTIVE = "00000000-0000-4000-8000-000000000002";
    private static final String DONE = "00000000-0000-4000-8000-000000000003";

    private final InMemoryEridRegistry registry = new InMemoryEridRegistry();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final List<String> expired = new ArrayList<>();
    private final ExpirySweeper sweeper = new ExpirySweeper(registry, clock, Duration.ofSeconds(30),
            entry -> expired.add(entry.contract().erid() + ":" + entry.lifecycle()));

    @Test
    void anEridWithoutARecordForTheWindowExpiresOnceAndOthersDoNot() {
        RegistryFixtures.receiving(registry, "acme", IDLE, 10, "2026-11-30", 4);
        RegistryFixtures.receiving(registry, "acme", ACTIVE, 10, "2026-11-30", 4);
        RegistryFixtures.completed(registry, "acme", DONE, 10, "2026-11-30");
        registry.recordActivity("acme", IDLE, Instant.parse("2026-11-30T12:00:00Z"));
        registry.recordActivity("acme", ACTIVE, Instant.parse("2026-11-30T12:00:20Z"));

        clock.now = Instant.parse("2026-11-30T12:00:29Z");
        assertEquals(0, sweeper.sweep(), "not idle for the whole window yet");
        clock.now = Instant.parse("2026-11-30T12:00:31Z");
        assertEquals(1, sweeper.sweep());
        assertEquals(0, sweeper.sweep(), "a second sweep finds nothing more");

        assertEquals(List.of(IDLE + ":EXPIRED"), expired);
        EridEntry idle = registry.get("acme", IDLE).orElseThrow();
        assertEquals(EridLifecycle.EXPIRED, idle.lifecycle());
        assertEquals(4, idle.recordsCommitted(), "the progress it reached stays visible");
        assertEquals(EridLifecycle.RECEIVING, registry.get("acme", ACTIVE).orElseThrow().lifecycle());
        assertEquals(EridLifecycle.COMPLETED, registry.get("acme", DONE).orElseThrow().lifecycle());
    }

    @Test
    void anEridWithEveryRecordCommittedIsBeingPublishedAndDoesNotExpire() {
        RegistryFixtures.receiving(registry, "acme", IDLE, 10, "2026-11-30", 10);
        registry.recordActivity("acme", IDLE, Instant.parse("2026-11-30T12:00:00Z"));
        clock.now = Instant.parse("2026-11-30T13:00:00Z");

        assertEquals(0, sweeper.sweep());
        assertEquals(EridLifecycle.RECEIVING, registry.get("acme", IDLE).orElseThrow().lifecycle());
    }

    @Test
    void theSweepPeriodIsATenthOfTheWindowWithinBounds() {
        assertEquals(Duration.ofSeconds(3), ExpirySweeper.periodFor(Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(1), ExpirySweeper.periodFor(Duration.ofSeconds(2)));
        assertEquals(Duration.ofMinutes(1), ExpirySweeper.periodFor(Duration.ofDays(7)));
    }
}
