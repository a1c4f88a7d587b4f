package io.des.sink;

import io.des.model.DesMetrics;
import io.des.registry.EridRegistry;
import io.des.registry.RegistryConnector;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>On S3, the multipart uploads still open under the published ERID's {@code _incomplete}
 * prefix are aborted last ({@link AbandonedUploads}), through the same S3 as the file system's
 * ({@link S3Connection}). That is housekeeping, not correctness: a failure to abort is logged and
 * counted, and the bucket's lifecycle rule aborts what is left.
 *
 * <p>Metrics ({@link DesMetrics}): {@code partitionsPublished}, {@code publishFailures}, {@code
 * uploadsAborted}, {@code uploadAbortFailures}; {@code compactionMillis}, the milliseconds spent
 * compacting, summed (take deltas); the gauge {@code publishLatencyMillis}, the latest publish's
 * time from its request (emitted the moment the ERID's last file is committed) to {@code _SUCCESS}
 * written, a gauge rather than a histogram because CloudWatch shows no histograms. Counters are
 * the thread-safe kind: publishes run on this function's threads.
 */
public class PartitionPublishFunction extends RichAsyncFunction<PublishRequest, PublishedPartition> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionPublishFunction.class);

    /**
     * Threads per subtask, and the async operator's capacity: publishes are few (one per ERID), and
     * each holds at most about 50 MB while it compacts (see {@link PartitionCompactor}).
     */
    public static final int MAX_CONCURRENT_PUBLISHES = 4;

    private final String rootUri;
    private final PartitionCatalog catalog;
    private final RegistryConnector registryConnector;
    private final S3Connection s3;

    private transient ExecutorService executor;
    private transient PartitionPublisher publisher;
    private transient EridRegistry registry;
    private transient CompletionReporter completions;
    private transient AbandonedUploads abandonedUploads;
    private transient Counter partitionsPublished;
    private transient Counter publishFailures;
    private transient Counter uploadsAborted;
    private transient Counter uploadAbortFailures;
    private transient Counter compactionMillis;
    private transient AtomicLong lastPublishLatencyMillis;

    /**
     * @param rootUri the storage root the sink writes under, e.g. {@code s3://bucket/prefix}
     * @param catalog told about each published partition
     * @param registryConnector told about each completed ERID; {@link RegistryConnector#none()} for none
     * @param s3 how to reach the S3 API when {@code rootUri} is on S3; unused otherwise
     */
    public PartitionPublishFunction(String rootUri, PartitionCatalog catalog, RegistryConnector registryConnector, S3Connection s3) {
        this.rootUri = Objects.requireNonNull(rootUri, "rootUri");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registryConnector = Objects.requireNonNull(registryConnector, "registryConnector");
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public void open(OpenContext openContext) {
        executor = AsyncThreads.fixedPool("partition-publisher", MAX_CONCURRENT_PUBLISHES);
        publisher = new PartitionPublisher(rootUri, catalog, Clock.systemUTC());
        if (!registryConnector.isNone()) {
            registry = registryConnector.open();
            completions = new CompletionReporter(registry, Clock.systemUTC());
        }
        abandonedUploads = AbandonedUploads.forRoot(rootUri, s3);
        executor.execute(PartitionPublishFunction::removeAbandonedSpills);
        MetricGroup metrics = DesMetrics.group(getRuntimeContext());
        partitionsPublished = metrics.counter("partitionsPublished", new ThreadSafeSimpleCounter());
        publishFailures = metrics.counter("publishFailures", new ThreadSafeSimpleCounter());
        uploadsAborted = metrics.counter("uploadsAborted", new ThreadSafeSimpleCounter());
        uploadAbortFailures = metrics.counter("uploadAbortFailures", new ThreadSafeSimpleCounter());
        compactionMillis = metrics.counter("compactionMillis", new ThreadSafeSimpleCounter());
        lastPublishLatencyMillis = new AtomicLong();
        metrics.gauge("publishLatencyMillis", lastPublishLatencyMillis::get);
    }

    @Override
    public void asyncInvoke(PublishRequest request, ResultFuture<PublishedPartition> resultFuture) {
        long requestedAt = System.nanoTime();
        AsyncThreads.complete(executor, () -> {
            PublishedPartition published = publisher.publish(request, new PartitionPublisher.StepListener() {
                @Override
                public void compacted(long millis) {
                    compactionMillis.inc(millis);
                }

                @Override
                public void successWritten() {
                    lastPublishLatencyMillis.set(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - requestedAt));
                }
            });
            if (completions != null) {
                completions.completed(request);
            }
            partitionsPublished.inc();
            abortAbandonedUploads(request);
            return published;
        }, resultFuture, publishFailures);
    }

    private void abortAbandonedUploads(PublishRequest request) {
        try {
            int aborted = abandonedUploads.abortIncomplete(request.tenant, request.requestDate, request.erid);
            if (aborted > 0) {
                uploadsAborted.inc(aborted);
                LOG.info("Aborted {} multipart upload(s) left open under published ERID {} of tenant {}", aborted, request.erid, request.tenant);
            }
        } catch (RuntimeException e) {
            uploadAbortFailures.inc();
            LOG.warn("Could not abort the open uploads of published ERID {} of tenant {}; the bucket's lifecycle rule "
                    + "will (the role needs s3:ListBucketMultipartUploads and s3:AbortMultipartUpload)", request.erid, request.tenant, e);
        }
    }

    /** Housekeeping of the local disk, on this function's threads: a failure is logged, never fatal. */
    private static void removeAbandonedSpills() {
        try {
            int removed = AbandonedSpills.remove(PartitionCompactor.defaultSpillRoot(), AbandonedSpills.DEFAULT_IDLE,
                    Clock.systemUTC());
            if (removed > 0) {
                LOG.info("Removed {} compaction spill director{} left by an earlier process", removed, removed == 1 ? "y" : "ies");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove compaction spill directories left by an earlier process", e);
        }
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
            AsyncThreads.shutdown(executor);
        }
        catalog.close();
        if (abandonedUploads != null) {
            abandonedUploads.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
