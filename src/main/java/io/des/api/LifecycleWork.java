package io.des.api;

import io.des.notify.CallbackUrlPolicy;
import io.des.notify.DispatchSettings;
import io.des.notify.RetrySchedule;
import io.des.notify.WebhookDispatcher;
import io.des.notify.WebhookEvents;
import io.des.registry.EridEntry;
import io.des.registry.ExpirySweeper;
import io.des.serve.IncompleteData;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs beside the API to move ERIDs through their lifecycle: the expiry sweeper (an idle
 * ERID expires, its partial data is removed, its {@code enrichment_request.expired} webhook
 * enqueued) and the webhook dispatcher. Local mode runs it in its process, {@link ApiMain} in each
 * service instance (the registry's conditional writes let one instance win each transition). The
 * API's Lambda adapter cannot, since its instances freeze between requests: in AWS a scheduled
 * function runs one {@link #runPass pass} a minute instead ({@link LifecycleLambda}).
 */
public final class LifecycleWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleWork.class);

    private final ExpirySweeper sweeper;
    private final WebhookDispatcher dispatcher;

    private LifecycleWork(ExpirySweeper sweeper, WebhookDispatcher dispatcher) {
        this.sweeper = sweeper;
        this.dispatcher = dispatcher;
    }

    /**
     * Starts both in the background, on threads of their own (local mode, {@link ApiMain}).
     *
     * @param expiry the ERID expiry window (the job's {@code DesJob.erid-expiry})
     * @param callbackUrls the URL policy, checked again before every attempt
     * @param webhookDeadline how long a webhook is retried before the delivery gives up (default 24 h)
     * @param metrics where the dispatcher's attempts are counted
     */
    public static LifecycleWork start(DesRoutes.Parts parts, IncompleteData incomplete, Duration expiry,
            CallbackUrlPolicy callbackUrls, Duration webhookDeadline, ApiMetrics metrics) {
        LifecycleWork work = forPasses(parts, incomplete, expiry, callbackUrls, webhookDeadline);
        metrics.countWebhooks(work.dispatcher);
        work.dispatcher.start();
        work.sweeper.start(ExpirySweeper.periodFor(expiry));
        return work;
    }

    /**
     * Both, run only by {@link #runPass}: for a host that wakes on a schedule and freezes between
     * wakes ({@link LifecycleLambda}).
     */
    static LifecycleWork forPasses(DesRoutes.Parts parts, IncompleteData incomplete, Duration expiry,
            CallbackUrlPolicy callbackUrls, Duration webhookDeadline) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(parts.registry().outbox(), parts.tenants()::webhookSecrets,
                callbackUrls, RetrySchedule.defaults().withDeadline(webhookDeadline), DispatchSettings.defaults(), parts.clock());
        ExpirySweeper sweeper = new ExpirySweeper(parts.registry(), parts.clock(), expiry,
                entry -> afterExpiry(entry, incomplete, parts));
        return new LifecycleWork(sweeper, dispatcher);
    }

    /** What one pass did. */
    public record Pass(int eridsExpired, int webhookAttempts) {}

    /**
     * One sweep, then the webhooks due, those the sweep enqueued included, until none is left or
     * {@code budget} is spent; what a budget cuts short stays due for the next pass.
     */
    public Pass runPass(Duration budget) throws InterruptedException {
        long startedAt = System.nanoTime();
        int expired = sweeper.sweep();
        Duration left = budget.minusNanos(System.nanoTime() - startedAt);
        int attempts = left.isNegative() ? 0 : dispatcher.drain(left);
        return new Pass(expired, attempts);
    }

    private static void afterExpiry(EridEntry entry, IncompleteData incomplete, DesRoutes.Parts parts) {
        incomplete.remove(entry.contract().tenant(), entry.contract().erid(), entry.contract().requestDate());
        String url = entry.contract().callbackUrl();
        if (url != null) {
            parts.registry().outbox().enqueue(WebhookEvents.delivery(entry, url, parts.clock().instant()));
        }
        LOG.info("Expired ERID {} of tenant {}: partial data removed{}", entry.contract().erid(), entry.contract().tenant(),
                url == null ? "" : ", webhook enqueued");
    }

    @Override
    public void close() {
        sweeper.close();
        dispatcher.close();
    }
}
