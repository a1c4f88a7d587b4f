package io.des.enrich;

import io.des.model.ContactRecord;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;

/**
 * The {@link LookupCache} of one parallel instance of the enrichment operator, kept in operator
 * state so that a restarted job does not pay again for lookups answered in its checkpointed past.
 *
 * <p>Why operator state and not keyed state: Flink's async functions cannot use keyed state, and a
 * job graph cannot loop answers back to a keyed operator upstream. So the cache lives inside the
 * async function, and the job partitions records by {@link LookupPartitionKey} just before the
 * async operator, so that all copies of a lookup meet on the same instance (and its cache).
 *
 * <p>What a checkpoint holds: every fresh answer of this instance, in {@link CachedLookupChunks}:
 * each answer is encoded once, and later checkpoints write its chunk's bytes again (operator list
 * state is not incremental), hence the entry bound. What it does not hold: lookups in flight at
 * the checkpoint. Their records are in the async operator's own state and are looked up again after
 * a restore, as are records that arrived after the last completed checkpoint: a failover repeats at
 * most the lookups of one checkpoint interval plus the operator's capacity.
 *
 * <p>On rescaling, Flink splits list state among the new instances by position, not by key, here
 * chunk by chunk, so some answers land on an instance that will not see their key again: those
 * lookups miss once and are paid again (about half of them from 2 to 4 instances, none into one;
 * see docs/architecture.md, "What a rescale repays in provider calls").
 * Changing the TTL or the entry bound applies to restored entries too.
 */
public final class CheckpointedLookupCache {

    /** Name of the operator state; part of the savepoint format of the enrichment operator. */
    public static final String STATE_NAME = "lookup-cache-chunks";

    /**
     * The state of DES versions before {@link CachedLookupChunks}, one {@link CachedLookup} per
     * element: read once on restore, then left empty.
     */
    static final String ENTRY_PER_ELEMENT_STATE_NAME = "lookup-cache";

    private final String providerName;
    private final LookupCache cache;
    private final ListState<byte[]> state;
    private final CachedLookupChunks chunks;

    private CheckpointedLookupCache(String providerName, LookupCache cache, ListState<byte[]> state, CachedLookupChunks chunks) {
        this.providerName = providerName;
        this.cache = cache;
        this.state = state;
        this.chunks = chunks;
    }

    /**
     * Creates the cache and, when the job restores, refills it from the checkpoint. Called from the
     * function's {@code initializeState}, which Flink runs before {@code open}.
     *
     * @param providerName the provider whose answers are cached; part of every key
     * @param operatorMetrics the operator's metric group; metrics go to its
     *     {@code provider.<providerName>} subgroup
     */
    public static CheckpointedLookupCache initialize(
            FunctionInitializationContext context,
            LookupCacheSettings settings,
            String providerName,
            MetricGroup operatorMetrics) throws Exception {
        if (!settings.enabled()) {
            return new CheckpointedLookupCache(providerName, null, null, null);
        }
        ListState<byte[]> state = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>(STATE_NAME, ChunkBytesSerializer.INSTANCE));
        LookupCacheMetrics metrics = new LookupCacheMetrics(operatorMetrics.addGroup("provider", providerName));
        LookupCache cache = new LookupCache(settings.ttl(), settings.maxEntries(), System::currentTimeMillis, metrics);
        if (context.isRestored()) {
            ListState<CachedLookup> entryPerElement = context.getOperatorStateStore()
                    .getListState(new ListStateDescriptor<>(ENTRY_PER_ELEMENT_STATE_NAME, CachedLookup.TYPE));
            cache.restore(entryPerElement.get());
            entryPerElement.clear();
            for (byte[] chunk : state.get()) {
                cache.restore(CachedLookupChunks.decode(chunk));
            }
        }
        return new CheckpointedLookupCache(providerName, cache, state, new CachedLookupChunks(settings.ttl().toMillis()));
    }

    /** The lookup's key in this cache, or null when the cache is disabled. */
    public LookupKey keyOf(ContactRecord record, List<String> fields) {
        return cache == null ? null : LookupKey.of(providerName, record, fields);
    }

    /** The stored answer for {@code key} (from {@link #keyOf}), if there is a fresh one. */
    public Optional<AttemptedLookup> answered(LookupKey key) {
        return cache == null ? Optional.empty() : cache.answered(key);
    }

    /**
     * Looks up {@code key} (from {@link #keyOf}) through the cache, or calls {@code providerCall}
     * directly when the cache is disabled.
     *
     * @param providerCall the paid lookup, with its retries; see {@link LookupCache#lookup}
     */
    public CompletableFuture<AttemptedLookup> lookup(LookupKey key, Supplier<CompletableFuture<AttemptedLookup>> providerCall) {
        if (cache == null) {
            return providerCall.get();
        }
        return cache.lookup(key, providerCall);
    }

    /** Writes the fresh answers to the operator state; called from {@code snapshotState}. */
    public void snapshot() throws Exception {
        if (cache != null) {
            state.update(chunks.update(cache, System.currentTimeMillis()));
        }
    }
}
