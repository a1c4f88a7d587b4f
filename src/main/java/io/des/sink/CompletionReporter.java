package io.des.sink;

import io.des.notify.WebhookEvents;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the ERID registry that an ERID is complete and enqueues its completion webhook, blocking
 * (run it off the task thread). Called only once its partition is published ({@code _SUCCESS}
 * written, the catalog told), so whoever reads COMPLETED from the registry, or receives the
 * webhook, finds the rows.
 *
 * <p>Safe to repeat after a failure at any step, as a replayed publish does: the count only
 * rises, the transition happens once (the first {@code completedAt} and field counts stay), and
 * the webhook's event id is derived from (tenant, erid, type), so the outbox keeps one event.
 * Every call, not only the one that made the transition, goes on to the enqueue, which therefore
 * happens even when a failure cut the first call short between the two.
 *
 * <p>The webhook goes to the contract's {@code callback_url}; an ERID registered without one gets
 * none (no tenant-wide default exists yet).
 */
final class CompletionReporter {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionReporter.class);

    private final EridRegistry registry;
    private final Clock clock;

    CompletionReporter(EridRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void completed(PublishRequest request) {
        Instant now = clock.instant();
        // The whole count first: completing does not set it, and the last progress report may be
        // still on its way (or was coalesced into nothing).
        registry.recordCommitted(request.tenant, request.erid, request.numberOfRecords);
        registry.markCompleted(request.tenant, request.erid, now, FieldTally.toCounts(request.fieldCounts));
        Optional<EridEntry> entry = registry.get(request.tenant, request.erid);
        if (entry.isEmpty()) {
            LOG.warn("ERID {} of tenant {} is published but unknown to the registry (its records did not come "
                    + "through the API): nothing to complete", request.erid, request.tenant);
        } else if (entry.get().lifecycle() != EridLifecycle.COMPLETED) {
            LOG.warn("ERID {} of tenant {} is published but stays {} in the registry: it expired before its last "
                    + "records were committed", request.erid, request.tenant, entry.get().lifecycle());
        } else if (entry.get().contract().callbackUrl() != null) {
            registry.outbox().enqueue(WebhookEvents.delivery(entry.get(), entry.get().contract().callbackUrl(), now));
        }
    }
}
