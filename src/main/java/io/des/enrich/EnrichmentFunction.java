package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.DesMetrics;
import io.des.model.EnrichedRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Flink async function that enriches each contact through a {@link Provider}, releasing records to
 * the providers fairly across tenants and ERIDs. In the job the provider is always a {@link
 * WaterfallSpec waterfall} (of one provider, or several), which retries, gates and guards each
 * provider: the one place where that happens, so this function calls the provider once per record.
 *
 * <p>Every input produces exactly one {@link EnrichedRecord}, whatever the provider does: a record
 * that cannot be enriched is emitted as {@code failed} with a reason, because the sink must see all
 * of an ERID's records for the ERID to complete. For the same reason a lookup that takes longer than
 * the async timeout emits a failed record instead of failing the job.
 *
 * <p><b>Waiting, then released.</b> The async operator around this function has a large capacity
 * (the backlog plus {@code maxReleased}), so records leave the network buffers at once and wait
 * here, in the operator's checkpointed state, where a checkpoint barrier never queues behind them.
 * A {@link FairScheduler} releases at most {@code maxReleased} of them to the providers at a time
 * (weighted across tenants, round-robin across one tenant's ERIDs); the providers' own gates still
 * decide how many calls are really in flight. The timeout therefore counts from a record's release,
 * not from its arrival: the function runs its own timers, and the operator has none (see
 * {@link EnrichmentStage}).
 *
 * <p>A lookup the cache has already answered is emitted on arrival: a paid-for answer never waits.
 *
 * <p>The task thread only queues records and starts the first HTTP requests; responses, backoff
 * waits, retries, timeouts and the releases that follow a finished lookup run on the HTTP client's
 * threads, the providers' schedulers and this function's timeout thread.
 *
 * <p>Lookups go through a {@link CheckpointedLookupCache}, which this function snapshots as
 * operator state, so a lookup already answered is not paid again, not even after a failover.
 */
public class EnrichmentFunction extends RichAsyncFunction<ContactRecord, EnrichedRecord>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final ProviderSpec spec;
    private final Duration asyncTimeout;
    private final LookupCacheSettings cacheSettings;
    private final int maxReleased;

    private transient CheckpointedLookupCache lookupCache;
    private transient Provider provider;
    private transient EnrichmentMetrics metrics;
    private transient FairScheduler<PendingLookup> scheduler;
    private transient TenantSchedulingMetrics tenantMetrics;
    private transient ScheduledExecutorService timeouts;
    /** Released lookups, so that closing can stop their pending retries. */
    private transient Set<PendingLookup> released;
    /** Set by {@link #close}: a lookup cancelled there must not release the next waiting record. */
    private transient volatile boolean closing;

    /** A function with the default timeout and release limit and no lookup cache. */
    public EnrichmentFunction(ProviderSpec spec) {
        this(spec, Duration.ofMillis(EnrichmentSettings.DEFAULT_ASYNC_TIMEOUT_MS));
    }

    /** A function with the default release limit and no lookup cache. */
    public EnrichmentFunction(ProviderSpec spec, Duration asyncTimeout) {
        this(spec, asyncTimeout, LookupCacheSettings.disabled());
    }

    /** A function with the default release limit. */
    public EnrichmentFunction(ProviderSpec spec, Duration asyncTimeout, LookupCacheSettings cacheSettings) {
        this(spec, asyncTimeout, cacheSettings, EnrichmentSettings.DEFAULT_ASYNC_CAPACITY);
    }

    /**
     * A function that serves repeated lookups from a checkpointed cache (as {@link EnrichmentStage}
     * does, after partitioning records by {@link LookupPartitionKey}).
     *
     * @param asyncTimeout limit of one record's enrichment, retries included, from its release
     * @param cacheSettings the lookup cache; {@link LookupCacheSettings#disabled()} for none
     * @param maxReleased records handed to the providers and not finished, at once
     */
    public EnrichmentFunction(ProviderSpec spec, Duration asyncTimeout, LookupCacheSettings cacheSettings,
            int maxReleased) {
        this.cacheSettings = Objects.requireNonNull(cacheSettings, "cacheSettings");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.asyncTimeout = Objects.requireNonNull(asyncTimeout, "asyncTimeout");
        if (maxReleased < 1) {
            throw new IllegalArgumentException("maxReleased must be at least 1, was " + maxReleased);
        }
        this.maxReleased = maxReleased;
    }

    /** Runs before {@link #open}: creates the lookup cache and refills it on restore. */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        lookupCache = CheckpointedLookupCache.initialize(
                context, cacheSettings, spec.providerName(), DesMetrics.group(getRuntimeContext()));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        lookupCache.snapshot();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        MetricGroup metricGroup = DesMetrics.group(getRuntimeContext());
        metrics = new EnrichmentMetrics(metricGroup);
        ProviderContext providerContext = new ProviderContext(
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), metricGroup, metrics::recordRetry);
        provider = spec.open(providerContext);
        if (!(spec instanceof WaterfallSpec)) { // a waterfall counts each of its providers itself
            provider = new MeteredProvider(provider, new ProviderMetrics(providerContext, spec.providerName(), () -> 0));
        }
        scheduler = new FairScheduler<>(maxReleased, System::currentTimeMillis);
        tenantMetrics = new TenantSchedulingMetrics(metricGroup, scheduler);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "des-enrich-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // Most lookups finish long before their timeout: their cancelled timers must not pile up.
        timer.setRemoveOnCancelPolicy(true);
        timeouts = timer;
        released = ConcurrentHashMap.newKeySet();
    }

    @Override
    public void close() throws Exception {
        closing = true;
        if (timeouts != null) {
            timeouts.shutdownNow();
        }
        if (released != null) {
            // Stop retries still waiting for their backoff: they would call a closed provider.
            released.forEach(lookup -> lookup.future.cancel(false));
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Override
    public void asyncInvoke(ContactRecord input, ResultFuture<EnrichedRecord> resultFuture) {
        long arrivedAt = System.currentTimeMillis();
        List<String> fields = requestedFields(input);
        if (fields.isEmpty()) {
            AttemptedLookup nothingAsked = new AttemptedLookup(LookupResult.noneFound(), 0);
            emit(EnrichedRecords.fromLookup(input, fields, nothingAsked, provider.name(), arrivedAt), 0, resultFuture);
            return;
        }
        LookupKey key = lookupCache.keyOf(input, fields);
        Optional<AttemptedLookup> answered = lookupCache.answered(key);
        if (answered.isPresent()) {
            emit(EnrichedRecords.fromLookup(input, fields, answered.get(), provider.name(), arrivedAt), 0, resultFuture);
            return;
        }
        tenantMetrics.register(input.tenant);
        PendingLookup pending = new PendingLookup(input, fields, key, resultFuture);
        release(scheduler.offer(input.tenant, input.erid, input.effectiveEnrichmentWeight(), pending));
    }

    /**
     * Starts {@code first}, and then, as long as the lookups started here are already finished (an
     * answer that reached the cache while they waited), whatever the scheduler releases in their
     * place: a loop rather than a recursion through their callbacks.
     */
    private void release(PendingLookup first) {
        PendingLookup next = first;
        while (next != null && !closing) {
            next = start(next) ? scheduler.finished() : null;
        }
    }

    /** Starts the lookup; true when it finished at once, in which case its record is already emitted. */
    private boolean start(PendingLookup pending) {
        pending.releasedAt = System.currentTimeMillis();
        pending.future = lookupCache.lookup(pending.key, () -> RetryingLookup.once(provider, pending.input, pending.fields));
        if (pending.future.isDone()) {
            complete(pending);
            return true;
        }
        released.add(pending);
        pending.timer = timeouts.schedule(() -> timedOut(pending), asyncTimeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.future.whenComplete((attempted, error) -> {
            pending.timer.cancel(false);
            released.remove(pending);
            complete(pending);
            release(scheduler.finished());
        });
        return false;
    }

    /** Emits the lookup's outcome, unless it was cancelled by its timeout, which has emitted already. */
    private void complete(PendingLookup pending) {
        AttemptedLookup attempted;
        try {
            attempted = pending.future.join();
        } catch (CancellationException timedOut) {
            return;
        } catch (CompletionException bug) {
            attempted = new AttemptedLookup(LookupResult.failed(FailureClassifier.fromException(bug.getCause())), 1);
        }
        long now = System.currentTimeMillis();
        EnrichedRecord result;
        try {
            result = EnrichedRecords.fromLookup(pending.input, pending.fields, attempted, provider.name(), now);
        } catch (RuntimeException bug) {
            result = EnrichedRecords.failed(pending.input, pending.fields, "enrichment failed: " + bug, now);
        }
        emit(result, now - pending.releasedAt, pending.resultFuture);
    }

    /**
     * Emits a {@code failed} record with reason "timeout after N ms" and stops the lookup's pending
     * retries, unless the lookup finished in the meantime and its own record is on its way.
     */
    private void timedOut(PendingLookup pending) {
        if (!pending.future.cancel(false)) {
            return;
        }
        long now = System.currentTimeMillis();
        emit(EnrichedRecords.failed(pending.input, pending.fields, "timeout after " + asyncTimeout.toMillis() + " ms", now),
                now - pending.releasedAt, pending.resultFuture);
    }

    private static List<String> requestedFields(ContactRecord input) {
        return input.fieldsToEnrich == null ? List.of() : input.fieldsToEnrich;
    }

    private void emit(EnrichedRecord record, long latencyMillis, ResultFuture<EnrichedRecord> resultFuture) {
        metrics.recordOutcome(record, latencyMillis);
        resultFuture.complete(Collections.singletonList(record));
    }

    /** A record waiting for its turn, then its lookup in flight. */
    private static final class PendingLookup {
        final ContactRecord input;
        final List<String> fields;
        final LookupKey key;
        final ResultFuture<EnrichedRecord> resultFuture;
        volatile long releasedAt;
        volatile CompletableFuture<AttemptedLookup> future;
        volatile ScheduledFuture<?> timer;

        PendingLookup(ContactRecord input, List<String> fields, LookupKey key, ResultFuture<EnrichedRecord> resultFuture) {
            this.input = input;
            this.fields = fields;
            this.key = key;
            this.resultFuture = resultFuture;
        }
    }
}
