package io.des.sink;

import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Publishes complete partitions with Flink async I/O: the compaction, the catalog call and, with
 * a registry, the ERID's completion ({@link CompletionReporter}) run on this function's own
 * threads, never on the task thread, so a slow store does not stall checkpoints. The completion
 * is recorded only after the partition is published, so an ERID the registry calls COMPLETED
 * always has its rows in place.
 *
 * <p>A failed or timed-out publish, a registry failure included, fails the job on purpose: the
 * request is in the async operator's checkpointed state, so after the restart it runs again, and
 * publishing and completing are idempotent (see {@link PartitionPublisher}, {@link
 * CompletionReporter}).
 *
 * <p>Metrics: {@code partitionsPublished}, {@code publishFailures}.
 */
public class PartitionPublishFunction extends RichAsyncFunction<PublishRequest, PublishedPartition> {

    private static final long serialVersionUID = 1L;

    /**
     * Threads per subtask, and the async operator's capacity: publishes are few (one per ERID), and
     * each holds at most about 50 MB while it compacts (see {@link PartitionCompactor}).
     */
    public static final int MAX_CONCURRENT_PUBLISHES = 4;

    private final String rootUri;
    private final PartitionCatalog catalog;
    private final RegistryConnector registryConnector;

    private transient ExecutorService executor;
    private transient PartitionPublisher publisher;
    private transient EridRegistry registry;
    private transient CompletionReporter completions;
    private transient Counter partitionsPublished;
    private transient Counter publishFailures;

    /**
     * @param rootUri the storage root the sink writes under, e.g. {@code s3://bucket/prefix}
     * @param catalog told about each published partition
     * @param registryConnector told about each completed ERID; {@link RegistryConnector#none()} for none
     */
    public PartitionPublishFunction(String rootUri, PartitionCatalog catalog, RegistryConnector registryConnector) {
        this.rootUri = Objects.requireNonNull(rootUri, "rootUri");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registryConnector = Objects.requireNonNull(registryConnector, "registryConnector");
    }

    @Override
    public void open(OpenContext openContext) {
        executor = AsyncThreads.fixedPool("partition-publisher", MAX_CONCURRENT_PUBLISHES);
        publisher = new PartitionPublisher(rootUri, catalog, Clock.systemUTC());
        if (!registryConnector.isNone()) {
            registry = registryConnector.open();
            completions = new CompletionReporter(registry, Clock.systemUTC());
        }
        partitionsPublished = getRuntimeContext().getMetricGroup().counter("partitionsPublished");
        publishFailures = getRuntimeContext().getMetricGroup().counter("publishFailures");
    }

    @Override
    public void asyncInvoke(PublishRequest request, ResultFuture<PublishedPartition> resultFuture) {
        AsyncThreads.complete(executor, () -> {
            PublishedPartition published = publisher.publish(request);
            if (completions != null) {
                completions.completed(request);
            }
            partitionsPublished.inc();
            return published;
        }, resultFuture, publishFailures);
    }

    @Override
    public void timeout(PublishRequest request, ResultFuture<PublishedPartition> resultFuture) {
        publishFailures.inc();
        resultFuture.completeExceptionally(new TimeoutException(
                "Publishing ERID " + request.erid + " of tenant " + request.tenant
                + " did not finish in time; it is retried after the restart"));
    }

    @Override
    public void close() throws Exception {
        if (executor != null) {
            executor.shutdownNow();
        }
        catalog.close();
        if (registry != null) {
            registry.close();
        }
    }
}
