package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FairSchedulerTest {

    private final AtomicLong clock = new AtomicLong(1_000);

    @Test
    void releasesAtMostMaxReleasedAndOneInPlaceOfEachFinished() {
        FairScheduler<String> scheduler = new FairScheduler<>(2, clock::get);

        assertEquals("a0", scheduler.offer("acme", "e1", 1, "a0"));
        assertEquals("a1", scheduler.offer("acme", "e1", 1, "a1"));
        assertNull(scheduler.offer("acme", "e1", 1, "a2"), "two are released: the third waits");
        assertEquals(2, scheduler.released());
        assertEquals(1, scheduler.waiting());

        assertEquals("a2", scheduler.finished());
        assertNull(scheduler.finished(), "nothing waits");
        assertEquals(1, scheduler.released());
        assertEquals(0, scheduler.waiting());
    }

    @Test
    void aSmallEridOfAnotherTenantIsNotQueuedBehindABigOne() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        offer(scheduler, "acme", "big", 1, 1_000);
        offer(scheduler, "globex", "small", 1, 3);

        List<String> next = drain(scheduler, 6);

        assertEquals(List.of("globex/small/0", "acme/big/1", "globex/small/1", "acme/big/2", "globex/small/2",
                "acme/big/3"), next, "equal weights take turns");
    }

    @Test
    void weightsSetEachTenantsShareOfTheReleases() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        offer(scheduler, "acme", "e", 3, 1_000);
        offer(scheduler, "globex", "e", 1, 1_000);

        List<String> next = drain(scheduler, 400);

        long acme = next.stream().filter(item -> item.startsWith("acme/")).count();
        assertEquals(300, acme, "weight 3 against weight 1: three releases in four");
    }

    @Test
    void oneTenantsEridsTakeTurnsSoItsSmallEridIsNotBehindItsBigOne() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        offer(scheduler, "acme", "big", 1, 1_000);
        offer(scheduler, "acme", "small", 1, 3);

        List<String> next = drain(scheduler, 6);

        assertEquals(List.of("acme/big/1", "acme/small/0", "acme/big/2", "acme/small/1", "acme/big/3", "acme/small/2"),
                next, "acme/big/0 was released on arrival");
    }

    @Test
    void anIdleTenantsShareGoesToTheOthersAndIsNotBankedForLater() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        offer(scheduler, "acme", "e", 1, 1_000);
        List<String> alone = drain(scheduler, 100);
        assertTrue(alone.stream().allMatch(item -> item.startsWith("acme/")), "alone, acme gets every release");

        offer(scheduler, "globex", "e", 1, 1_000);
        List<String> together = drain(scheduler, 20);

        long globex = together.stream().filter(item -> item.startsWith("globex/")).count();
        assertEquals(10, globex, "globex's idle time earned it no burst: " + together);
    }

    @Test
    void aTenantReturningFromIdleResumesAtTheCurrentPass() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        scheduler.offer("globex", "e", 1, "globex/e/0");
        scheduler.finished();
        offer(scheduler, "acme", "e", 1, 1_000);
        drain(scheduler, 200);

        offer(scheduler, "globex", "f", 1, 10);
        List<String> next = drain(scheduler, 4);

        assertEquals(2, next.stream().filter(item -> item.startsWith("acme/")).count(),
                "acme keeps half while globex is back: " + next);
    }

    @Test
    void countsWaitingAndReleasedPerTenantAndTheOldestWait() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        scheduler.offer("acme", "e1", 1, "a0");
        scheduler.offer("acme", "e1", 1, "a1");
        clock.addAndGet(500);
        scheduler.offer("acme", "e2", 1, "a2");
        scheduler.offer("globex", "e3", 1, "g0");
        clock.addAndGet(250);

        assertEquals(2, scheduler.waiting("acme"));
        assertEquals(1, scheduler.waiting("globex"));
        assertEquals(0, scheduler.waiting("initech"));
        assertEquals(750, scheduler.oldestWaitMillis("acme"), "a1 has waited since the start");
        assertEquals(250, scheduler.oldestWaitMillis("globex"));
        assertEquals(1, scheduler.releasedSoFar("acme"));

        scheduler.finished(); // globex's turn: g0
        scheduler.finished(); // acme: a1
        assertEquals(0, scheduler.oldestWaitMillis("globex"), "nothing waits");
        assertEquals(250, scheduler.oldestWaitMillis("acme"), "a2 arrived later");
        assertEquals(2, scheduler.releasedSoFar("acme"));
    }

    @Test
    void refusesAWeightBelowOneAndAFinishWithoutARelease() {
        FairScheduler<String> scheduler = new FairScheduler<>(1, clock::get);
        assertThrows(IllegalArgumentException.class, () -> scheduler.offer("acme", "e", 0, "x"));
        assertThrows(IllegalStateException.class, scheduler::finished);
    }

    /** Offers items {@code tenant/erid/0 … count-1}; one released at once stays released. */
    private static void offer(FairScheduler<String> scheduler, String tenant, String erid, int weight, int count) {
        for (int i = 0; i < count; i++) {
            scheduler.offer(tenant, erid, weight, tenant + "/" + erid + "/" + i);
        }
    }

    /** The next {@code count} items released, each finished in turn. */
    private static List<String> drain(FairScheduler<String> scheduler, int count) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String next = scheduler.finished();
            if (next == null) {
                break;
            }
            order.add(next);
        }
        return order;
    }
}
