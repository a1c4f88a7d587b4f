package io.des.sink;

import io.des.config.JobKeys;
import io.des.model.EnrichedRecord;
import io.des.model.EridKey;
import io.des.registry.RegistryConnector;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.connector.sink2.SupportsPostCommitTopology;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The exactly-once Parquet sink of enriched records, and the publisher of complete ERID partitions.
 *
 * <p>Two phases per checkpoint: the writer closes one Parquet file per (tenant, request date, ERID)
 * before the barrier and the committer makes the files visible under {@code
 * tenant=T/request_date=D/erid=E_incomplete/} only after the checkpoint completes. After their
 * commit the file committables flow, keyed by (tenant, ERID), into {@link
 * PartitionProgressFunction}, which asks {@link PartitionPublishFunction} to compact the partition
 * into one file sorted by {@code record_index} in {@code erid=E/}, with {@code _SUCCESS}, once every
 * record of the ERID is committed.
 *
 * <p>Every record goes to its ERID's partition exactly once; the partition becomes published
 * exactly once. Needs checkpointing: without it nothing is ever committed.
 *
 * <p>With an ERID registry, the post-commit topology also records there each ERID's committed
 * rows ({@link RegistryProgressFunction}, at most once per ERID per commit batch) and, once its
 * partition is published, its completion with the per-field counts ({@link
 * PartitionPublishFunction}). Without one ({@link RegistryConnector#none()}) the operators are
 * there all the same and report nothing, so the graph, and therefore which savepoints it can
 * restore, never depends on the registry's configuration.
 *
 * <p>End of input (a bounded source, or {@code stop-with-savepoint --drain}): the final checkpoint
 * commits the last files, but in Flink 1.20 their committables never reach the post-commit
 * topology (FLINK-38614: {@code EndOfData} travels downstream before the final commit), so an ERID
 * whose last rows were in those files is not published by that run. Starting the job again from
 * that savepoint should publish it, since the committer replays restored committables to the
 * post-commit topology (not covered by a test here). Unbounded jobs stopped without {@code
 * --drain} do not reach end of input.
 *
 * <p>Attach it with {@code stream.sinkTo(sink).uid(EnrichedParquetSink.UID)}: Flink requires a
 * uid on a sink whose post-commit topology sets uids, and the writer's and committer's state is
 * found again after an upgrade only through it. Operator uids of the post-commit topology: {@code
 * partition-committed-files}, {@code partition-progress}, {@code partition-publish}, {@code
 * partition-publish-discard}, {@code registry-progress}.
 */
public class EnrichedParquetSink
        implements Sink<EnrichedRecord>,
                SupportsCommitter<PartitionFileCommittable>,
                SupportsPostCommitTopology<PartitionFileCommittable> {

    private static final long serialVersionUID = 1L;

    /** The uid to give the sink transformation ({@code sinkTo(sink).uid(UID)}); never change it. */
    public static final String UID = "enriched-parquet-sink";

    /**
     * How long one publish may take by default ({@code DesSink.publish-timeout}): it compacts the
     * ERID's rows ({@link PartitionCompactor}), which takes about a minute per million rows on one
     * core (reading, sorting and writing Parquet, see docs/architecture.md), so half an hour covers
     * the 10,000,000 records an ERID may hold with room to spare. A publish that times out fails
     * the job, which restarts and publishes again, keeping the compacted files already complete.
     */
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = JobKeys.PUBLISH_TIMEOUT.defaultValue().orElseThrow();
    /** One conditional write, with the store client's own retries. */

    private final String rootUri;
    private final PartitionCatalog catalog;
    private final Duration publishedStateRetention;
    private final RegistryConnector registry;
    private final Duration publishTimeout;
    private final S3Connection s3;

    /** A sink that reports to no ERID registry. */
    public EnrichedParquetSink(String rootUri, PartitionCatalog catalog, Duration publishedStateRetention) {
        this(rootUri, catalog, publishedStateRetention, RegistryConnector.none());
    }

    /**
     * @param rootUri storage root under which the {@code StorageLayout} paths live, e.g. {@code
     *     file:///data/des} or {@code s3://bucket/prefix} (needs flink-s3-fs-hadoop, whose
     *     recoverable writer supports S3)
     * @param catalog told about every published partition; {@link PartitionCatalog#none()} for none
     * @param publishedStateRetention how long a published ERID's tombstone is kept so that replayed
     *     committables are ignored; longer than the oldest checkpoint the job might restore from
     * @param registry told about each ERID's committed rows and completion; {@link
     *     RegistryConnector#none()} for none
     */
    public EnrichedParquetSink(String rootUri, PartitionCatalog catalog, Duration publishedStateRetention,
            RegistryConnector registry) {
        this(rootUri, catalog, publishedStateRetention, registry, DEFAULT_PUBLISH_TIMEOUT, S3Connection.standard());
    }

    /**
     * @param publishTimeout how long publishing one ERID may take before the job fails and retries
     *     it (see {@link #DEFAULT_PUBLISH_TIMEOUT})
     * @param s3 the S3 API that {@code rootUri} is on, as Flink's S3 file system reaches it
     *     ({@link S3Connection#fromFlinkConfiguration}), for the uploads a failure left open;
     *     unused when {@code rootUri} is not on S3 (the shorter constructors use {@link
     *     S3Connection#standard()}, AWS's)
     */
    public EnrichedParquetSink(String rootUri, PartitionCatalog catalog, Duration publishedStateRetention,
            RegistryConnector registry, Duration publishTimeout, S3Connection s3) {
        this.rootUri = stripTrailingSlash(Objects.requireNonNull(rootUri, "rootUri"));
        if (URI.create(this.rootUri).getScheme() == null) {
            throw new IllegalArgumentException("rootUri needs a scheme such as file:// or s3://, got: " + rootUri);
        }
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.publishedStateRetention = Objects.requireNonNull(publishedStateRetention, "publishedStateRetention");
        if (publishedStateRetention.isNegative() || publishedStateRetention.isZero()) {
            throw new IllegalArgumentException("publishedStateRetention must be positive, got " + publishedStateRetention);
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("publishTimeout must be positive, got " + publishTimeout);
        }
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") && !uri.endsWith(":///") ? uri.substring(0, uri.length() - 1) : uri;
    }

    @Override
    public EnrichedParquetWriter createWriter(WriterInitContext context) throws IOException {
        return newWriter(context, context.metricGroup());
    }

    /** Flink 1.20 still declares this legacy variant abstract; it is not called by the runtime. */
    @Override
    @Deprecated
    public EnrichedParquetWriter createWriter(Sink.InitContext context) throws IOException {
        return newWriter(context, context.metricGroup());
    }

    private EnrichedParquetWriter newWriter(
            org.apache.flink.api.connector.sink2.InitContext context, // not Sink.InitContext, which the name would mean here
            SinkWriterMetricGroup metrics) throws IOException {
        Path root = new Path(rootUri);
        return new EnrichedParquetWriter(
                root,
                FileSystem.get(root.toUri()).createRecoverableWriter(),
                context.getTaskInfo().getIndexOfThisSubtask(),
                metrics.getNumRecordsSendCounter());
    }

    @Override
    public Committer<PartitionFileCommittable> createCommitter(CommitterInitContext context) throws IOException {
        Path root = new Path(rootUri);
        return new PartitionFileCommitter(root, FileSystem.get(root.toUri()).createRecoverableWriter());
    }

    @Override
    public SimpleVersionedSerializer<PartitionFileCommittable> getCommittableSerializer() {
        return new PartitionFileCommittableSerializer();
    }

    @Override
    public void addPostCommitTopology(DataStream<CommittableMessage<PartitionFileCommittable>> committed) {
        SingleOutputStreamOperator<PublishRequest> publishRequests = committed
                .flatMap(new CommittedFiles()).uid("partition-committed-files").name("Committed files")
                .keyBy(file -> EridKey.of(file.tenant, file.erid))
                .process(new PartitionProgressFunction(publishedStateRetention, !registry.isNone()))
                .uid("partition-progress").name("Partition progress");
        // No sink after this one: an operator runs whether or not its output is consumed, and a
        // second sink inside a post-commit topology, or one not added last, makes Flink 1.20's
        // SinkTransformationTranslator fail with a ConcurrentModificationException.
        RegistryProgressFunction.recordAll(publishRequests.getSideOutput(PartitionProgressFunction.PROGRESS_REPORTS), registry)
                .uid("registry-progress").name("Record committed rows");
        AsyncDataStream.unorderedWait(
                        publishRequests,
                        new PartitionPublishFunction(rootUri, catalog, registry, s3),
                        publishTimeout.toMillis(),
                        TimeUnit.MILLISECONDS,
                        PartitionPublishFunction.MAX_CONCURRENT_PUBLISHES)
                .uid("partition-publish").name("Publish partition")
                .sinkTo(new DiscardingSink<>()).uid("partition-publish-discard").name("Published partitions");
    }

    /** Keeps the committed files; the per-checkpoint summaries carry nothing the publisher needs. */
    private static final class CommittedFiles
            implements FlatMapFunction<CommittableMessage<PartitionFileCommittable>, PartitionFileCommittable> {

        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(CommittableMessage<PartitionFileCommittable> message, Collector<PartitionFileCommittable> out) {
            if (message instanceof CommittableWithLineage) {
                out.collect(((CommittableWithLineage<PartitionFileCommittable>) message).getCommittable());
            }
        }
    }
}
