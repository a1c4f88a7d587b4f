package io.des.bench;

import io.des.enrich.LookupResult;
import io.des.enrich.Provider;
import io.des.enrich.ProviderSpec;
import io.des.model.ContactRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a provider with a client-side rate limit of {@code callsPerSecond} over all parallel
 * instances (each instance gets its share), as a provider quota would impose. A call over the rate
 * is delayed on a scheduler, never by blocking the caller: the task thread must not sleep.
 *
 * <p>Bench-only: the sandbox provider has no rate limit of its own.
 */
final class RateLimitedProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 1L;

    private final ProviderSpec inner;
    private final double callsPerSecondPerInstance;

    RateLimitedProviderSpec(ProviderSpec inner, double callsPerSecond, int parallelism) {
        this.inner = inner;
        this.callsPerSecondPerInstance = callsPerSecond / parallelism;
    }

    @Override
    public String providerName() {
        return inner.providerName();
    }

    @Override
    public Duration requestTimeout() {
        return inner.requestTimeout();
    }

    @Override
    public Provider open() {
        return new Limited(inner.open(), (long) (1_000_000_000L / callsPerSecondPerInstance));
    }

    /** Evenly spaced call slots: the next call may start {@code intervalNanos} after the previous one. */
    private static final class Limited implements Provider {
        private final Provider inner;
        private final long intervalNanos;
        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-rate-limit");
            thread.setDaemon(true);
            return thread;
        });
        private long nextSlotNanos = System.nanoTime();

        Limited(Provider inner, long intervalNanos) {
            this.inner = inner;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
            long delayNanos = reserveSlot() - System.nanoTime();
            if (delayNanos <= 0) {
                return inner.lookup(record, fields);
            }
            CompletableFuture<LookupResult> result = new CompletableFuture<>();
            scheduler.schedule(() -> inner.lookup(record, fields).whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            }), delayNanos, TimeUnit.NANOSECONDS);
            return result;
        }

        private synchronized long reserveSlot() {
            // An idle limiter does not bank credit: bursts above the rate are not allowed.
            long slot = Math.max(nextSlotNanos, System.nanoTime());
            nextSlotNanos = slot + intervalNanos;
            return slot;
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
            inner.close();
        }
    }
}
