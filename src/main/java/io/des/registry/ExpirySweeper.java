package io.des.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires ERIDs that received no new record for the expiry window: RECEIVING → EXPIRED
 * in the registry (a conditional write, so two sweepers never both act), then {@code onExpired}
 * for each ERID this sweeper moved (its partial data is removed, its webhook enqueued). The API
 * refuses later POSTs of an expired ERID, and the job's state outlives the window by construction
 * (both read the same {@code erid-expiry} setting).
 */
public final class ExpirySweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweeper.class);
    static final int BATCH = 100;

    private final EridRegistry registry;
    private final Clock clock;
    private final Duration window;
    private final Consumer<EridEntry> onExpired;
    private final ScheduledExecutorService timer;

    /**
     * @param window how long an ERID may go without a new record
     * @param onExpired what follows an expiry (removing partial data, enqueueing the webhook); a
     *     failure is logged and not retried, since the registry already says EXPIRED
     */
    public ExpirySweeper(EridRegistry registry, Clock clock, Duration window, Consumer<EridEntry> onExpired) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.onExpired = Objects.requireNonNull(onExpired, "onExpired");
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "des-expiry-sweeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Sweeps every {@code period}; {@link #periodFor} gives a good one. */
    public ExpirySweeper start(Duration period) {
        timer.scheduleWithFixedDelay(this::sweepQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** A tenth of the window, between one second and one minute: expiry is late by at most that. */
    public static Duration periodFor(Duration window) {
        long millis = Math.max(1_000, Math.min(60_000, window.toMillis() / 10));
        return Duration.ofMillis(millis);
    }

    /** One sweep: expires every ERID idle for the window; returns how many this call expired. */
    public int sweep() {
        Instant now = clock.instant();
        int expired = 0;
        List<EridEntry> idle;
        int expiredBefore;
        do {
            expiredBefore = expired;
            idle = registry.idleSince(now.minus(window), BATCH);
            for (EridEntry entry : idle) {
                EridContract contract = entry.contract();
                if (entry.recordsCommitted() >= contract.numberOfRecords()) {
                    continue; // every record is committed: it is being published, not abandoned
                }
                if (registry.markExpired(contract.tenant(), contract.erid(), now)) {
                    expired++;
                    LOG.info("ERID {} of tenant {} expired: {} of {} records committed, no record since {}",
                            contract.erid(), contract.tenant(), entry.recordsCommitted(), contract.numberOfRecords(),
                            entry.lastRecordAt());
                    afterExpiry(registry.get(contract.tenant(), contract.erid()).orElse(entry));
                }
            }
            // A full batch that expired nothing would come back the same: stop until the next sweep.
        } while (idle.size() == BATCH && expired > expiredBefore);
        return expired;
    }

    private void afterExpiry(EridEntry entry) {
        try {
            onExpired.accept(entry);
        } catch (RuntimeException e) {
            LOG.error("After expiring ERID {} of tenant {}", entry.contract().erid(), entry.contract().tenant(), e);
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("Expiry sweep failed; the next one retries", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
