package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.core.testutils.ManuallyTriggeredScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The gate queues calls as futures and wakes them with scheduled tasks, on an injected clock. */
class RequestGateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final ManuallyTriggeredScheduledExecutorService scheduler = new ManuallyTriggeredScheduledExecutorService();

    @Test
    void noMoreThanMaxInFlightCallsAreAdmittedAtOnce() {
        RequestGate gate = new RequestGate(2, 0, scheduler, now::get);

        CompletableFuture<Void> first = gate.acquire();
        CompletableFuture<Void> second = gate.acquire();
        CompletableFuture<Void> third = gate.acquire();

        assertTrue(first.isDone() && second.isDone());
        assertFalse(third.isDone());
        gate.release(false, null);
        assertTrue(third.isDone(), "a finished call makes room at once");
    }

    @Test
    void callsBeyondTheRateWaitForAScheduledWakeUpInsteadOfSpinning() {
        RequestGate gate = new RequestGate(100, 2, scheduler, now::get);

        CompletableFuture<Void> first = gate.acquire();
        CompletableFuture<Void> second = gate.acquire();

        assertTrue(first.isDone());
        assertFalse(second.isDone());
        assertEquals(1, scheduler.getAllNonPeriodicScheduledTask().size(), "one wake-up, not a loop");
        now.addAndGet(SECOND / 2);
        scheduler.triggerNonPeriodicScheduledTask();
        assertTrue(second.isDone());
    }

    @Test
    void retryAfterPausesEveryCallOfTheProvider() {
        RequestGate gate = new RequestGate(100, 0, scheduler, now::get);
        gate.acquire();
        gate.release(true, Duration.ofSeconds(3));

        CompletableFuture<Void> next = gate.acquire();
        now.addAndGet(2 * SECOND);
        scheduler.triggerNonPeriodicScheduledTask();
        assertFalse(next.isDone(), "still within Retry-After");

        now.addAndGet(SECOND);
        scheduler.triggerNonPeriodicScheduledTasks();
        assertTrue(next.isDone());
    }

    @Test
    void throttlingHalvesTheRateAndSuccessesBringItBack() {
        RequestGate gate = new RequestGate(100, 10, scheduler, now::get);
        gate.acquire();
        gate.release(true, null);
        assertEquals(5, gate.currentRate(), 1e-9);

        for (int i = 0; i < 25; i++) {
            now.addAndGet(SECOND);
            gate.acquire();
            gate.release(false, null);
        }
        assertEquals(10, gate.currentRate(), 1e-9);
    }

    @Test
    void closingAbandonsTheWaitingCalls() {
        RequestGate gate = new RequestGate(1, 0, scheduler, now::get);
        gate.acquire();
        CompletableFuture<Void> waiting = gate.acquire();

        gate.close();

        assertTrue(waiting.isCancelled());
    }
}
