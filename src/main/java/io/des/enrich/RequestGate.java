package io.des.enrich;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Admits calls to one provider from one parallel instance: at most {@code maxInFlight} at a time,
 * at most the (adaptive) requests-per-second share of this instance, and none while the provider's
 * {@code Retry-After} pause lasts.
 *
 * <p>A call that cannot go out yet waits in a queue as an uncompleted future; nothing spins and no
 * thread blocks. A single scheduled wake-up, at the time the next token or the end of the pause is
 * due, drains the queue, as does every {@link #release}. The queue is bounded by the async
 * operator's capacity, since each queued call belongs to one in-flight record.
 */
final class RequestGate {

    private final int maxInFlight;
    private final TokenBucket bucket;
    private final AimdRate aimd;
    private final ScheduledExecutorService scheduler;
    private final LongSupplier nanoClock;
    private final Queue<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int inFlight;
    private long pausedUntilNanos;
    private boolean wakeUpScheduled;

    /**
     * @param maxInFlight calls in flight at once, at least 1
     * @param requestsPerSecond this instance's share of the provider's budget, or 0 for no limit
     * @param scheduler runs the wake-ups (and whatever completes the admitted calls' futures)
     */
    RequestGate(int maxInFlight, double requestsPerSecond, ScheduledExecutorService scheduler, LongSupplier nanoClock) {
        this.maxInFlight = maxInFlight;
        this.scheduler = scheduler;
        this.nanoClock = nanoClock;
        if (requestsPerSecond > 0) {
            // A burst of one token: the instances' buckets together then never exceed the budget.
            this.bucket = new TokenBucket(requestsPerSecond, 1, nanoClock);
            this.aimd = new AimdRate(requestsPerSecond, requestsPerSecond / 20, TimeUnit.SECONDS.toNanos(1), nanoClock);
        } else {
            this.bucket = null;
            this.aimd = null;
        }
    }

    /** A future completed when the call may go out; the caller must {@link #release} after it. */
    CompletableFuture<Void> acquire() {
        CompletableFuture<Void> admitted = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(admitted);
        }
        drain();
        return admitted;
    }

    /** The call ended; {@code throttled} if the provider answered that we are too fast. */
    void release(boolean throttled, Duration retryAfter) {
        synchronized (this) {
            inFlight--;
            if (aimd != null) {
                bucket.setRate(throttled ? aimd.onThrottled() : aimd.onSuccess());
            }
            if (retryAfter != null && !retryAfter.isNegative()) {
                pausedUntilNanos = Math.max(pausedUntilNanos, nanoClock.getAsLong() + retryAfter.toNanos());
            }
        }
        drain();
    }

    /** The current requests-per-second limit of this instance, or 0 when unlimited. */
    synchronized double currentRate() {
        return bucket == null ? 0 : bucket.rate();
    }

    /** Queued calls not admitted yet. */
    synchronized int waitingCalls() {
        return waiting.size();
    }

    /** Abandons the waiting calls (the operator is closing). */
    void close() {
        List<CompletableFuture<Void>> abandoned;
        synchronized (this) {
            abandoned = new ArrayList<>(waiting);
            waiting.clear();
        }
        abandoned.forEach(call -> call.cancel(false));
    }

    private void drain() {
        List<CompletableFuture<Void>> admitted = new ArrayList<>();
        synchronized (this) {
            long waitNanos = 0;
            while (!waiting.isEmpty() && inFlight < maxInFlight) {
                if (waiting.peek().isDone()) {
                    waiting.poll();
                    continue;
                }
                long pause = pausedUntilNanos - nanoClock.getAsLong();
                if (pause > 0) {
                    waitNanos = pause;
                    break;
                }
                long tokenWait = bucket == null ? 0 : bucket.tryTake();
                if (tokenWait > 0) {
                    waitNanos = tokenWait;
                    break;
                }
                inFlight++;
                admitted.add(waiting.poll());
            }
            if (waitNanos > 0 && !wakeUpScheduled) {
                wakeUpScheduled = true;
                scheduler.schedule(this::wakeUp, waitNanos, TimeUnit.NANOSECONDS);
            }
        }
        // Outside the lock: completing runs the caller's continuation, which starts an HTTP call.
        admitted.forEach(call -> {
            if (!call.complete(null)) {
                // Cancelled between admission and completion: give the slot back, it made no call.
                synchronized (this) {
                    inFlight--;
                }
                drain();
            }
        });
    }

    private void wakeUp() {
        synchronized (this) {
            wakeUpScheduled = false;
        }
        drain();
    }
}
