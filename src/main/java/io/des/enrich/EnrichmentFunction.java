package io.des.enrich;

import io.des.model.ContactRecord;
import io.des.model.EnrichedRecord;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Flink async function that enriches each contact through a {@link Provider} (one provider, or a
 * {@link WaterfallSpec waterfall} of several), with retries.
 *
 * <p>Every input produces exactly one {@link EnrichedRecord}, whatever the provider does: a record
 * that cannot be enriched is emitted as {@code failed} with a reason, because the sink must see all
 * of an ERID's records for the ERID to complete. For the same reason {@link #timeout} emits a
 * failed record instead of failing the job.
 *
 * <p>The task thread only starts the first HTTP request; responses, backoff waits and retries run
 * on the HTTP client's threads and the JVM's shared delay scheduler.
 */
public class EnrichmentFunction extends RichAsyncFunction<ContactRecord, EnrichedRecord> {

    private static final long serialVersionUID = 1L;

    private final ProviderSpec spec;
    private final RetryPolicy retryPolicy;
    private final Duration asyncTimeout;

    private transient Provider provider;
    private transient RetryingLookup retryingLookup;
    private transient EnrichmentMetrics metrics;
    /**
     * Lookups in flight by input identity (equal records may be in flight twice), so that a timeout
     * can stop the pending retries of exactly its own input.
     */
    private transient Map<ContactRecord, InFlightLookup> inFlight;

    /**
     * A function whose timeout reason reports the time measured since the input arrived.
     *
     * @param spec the provider to open on each parallel instance
     * @param retryPolicy attempts and backoff for retryable provider failures
     */
    public EnrichmentFunction(ProviderSpec spec, RetryPolicy retryPolicy) {
        this(spec, retryPolicy, null);
    }

    /**
     * A function whose timeout reason reports {@code asyncTimeout}, the timeout the operator was
     * configured with (as {@link EnrichmentStage} does).
     *
     * @param asyncTimeout the async operator's timeout, or null to report the measured time
     */
    public EnrichmentFunction(ProviderSpec spec, RetryPolicy retryPolicy, Duration asyncTimeout) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.asyncTimeout = asyncTimeout;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        metrics = new EnrichmentMetrics(getRuntimeContext().getMetricGroup());
        provider = spec.open(new ProviderContext(
                getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks(), getRuntimeContext().getMetricGroup()));
        // Retry attempts only start a non-blocking request, so the common pool is enough to run them.
        retryingLookup = new RetryingLookup(
                provider,
                retryPolicy,
                ForkJoinPool.commonPool(),
                () -> ThreadLocalRandom.current().nextDouble(),
                metrics::recordRetry);
        inFlight = Collections.synchronizedMap(new IdentityHashMap<>());
    }

    @Override
    public void close() throws Exception {
        if (inFlight != null) {
            // Stop retries still waiting for their backoff: they would call a closed provider.
            synchronized (inFlight) {
                inFlight.values().forEach(lookup -> lookup.future().cancel(false));
            }
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Override
    public void asyncInvoke(ContactRecord input, ResultFuture<EnrichedRecord> resultFuture) {
        long startedAt = System.currentTimeMillis();
        List<String> fields = requestedFields(input);
        if (fields.isEmpty()) {
            AttemptedLookup nothingAsked = new AttemptedLookup(LookupResult.noneFound(), 0);
            emit(EnrichedRecords.fromLookup(input, fields, nothingAsked, provider.name(), startedAt), 0, resultFuture);
            return;
        }
        CompletableFuture<AttemptedLookup> lookup = retryingLookup.lookup(input, fields);
        inFlight.put(input, new InFlightLookup(lookup, startedAt));
        lookup.whenComplete((attempted, error) -> {
            inFlight.remove(input);
            if (error != null) {
                // Cancelled by timeout(), which has already emitted this input's record.
                return;
            }
            EnrichedRecord result;
            long now = System.currentTimeMillis();
            try {
                result = EnrichedRecords.fromLookup(input, fields, attempted, provider.name(), now);
            } catch (RuntimeException bug) {
                result = EnrichedRecords.failed(input, fields, "enrichment failed: " + bug, now);
            }
            emit(result, now - startedAt, resultFuture);
        });
    }

    /**
     * Emits a {@code failed} record with reason "timeout after N ms" and stops the lookup's pending
     * retries, unless the lookup finished in the meantime and its own record is on its way.
     */
    @Override
    public void timeout(ContactRecord input, ResultFuture<EnrichedRecord> resultFuture) {
        long now = System.currentTimeMillis();
        InFlightLookup lookup = inFlight.remove(input);
        if (lookup == null || !lookup.future().cancel(false)) {
            // The lookup completed while this timer fired; its callback emits the real outcome.
            return;
        }
        long elapsedMillis = now - lookup.startedAtMillis();
        long reportedMillis = asyncTimeout != null ? asyncTimeout.toMillis() : elapsedMillis;
        List<String> fields = requestedFields(input);
        emit(EnrichedRecords.failed(input, fields, "timeout after " + reportedMillis + " ms", now),
                elapsedMillis, resultFuture);
    }

    private static List<String> requestedFields(ContactRecord input) {
        return input.fieldsToEnrich == null ? List.of() : input.fieldsToEnrich;
    }

    private record InFlightLookup(CompletableFuture<AttemptedLookup> future, long startedAtMillis) {}

    private void emit(EnrichedRecord record, long latencyMillis, ResultFuture<EnrichedRecord> resultFuture) {
        metrics.recordOutcome(record.status, latencyMillis);
        resultFuture.complete(Collections.singletonList(record));
    }
}
