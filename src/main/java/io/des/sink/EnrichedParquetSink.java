package io.des.sink;

import io.des.model.EnrichedRecord;
import io.des.model.EridKey;
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
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * The exactly-once Parquet sink of enriched records, and the publisher of complete ERID partitions.
 *
 * <p>Two phases per checkpoint: the writer closes one Parquet file per (tenant, request date, ERID)
 * before the barrier and the committer makes the files visible under {@code
 * tenant=T/request_date=D/erid=E_incomplete/} only after the checkpoint completes. After their
 * commit the file committables flow, keyed by (tenant, ERID), into {@link
 * PartitionProgressFunction}, which asks {@link PartitionPublishFunction} to move the partition to
 * {@code erid=E/} with {@code _SUCCESS} once every record of the ERID is committed.
 *
 * <p>Every record goes to its ERID's partition exactly once; the partition becomes published
 * exactly once. Needs checkpointing: without it nothing is ever committed.
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
 * partition-publish-discard}.
 */
public class EnrichedParquetSink
        implements Sink<EnrichedRecord>,
                SupportsCommitter<PartitionFileCommittable>,
                SupportsPostCommitTopology<PartitionFileCommittable> {

    private static final long serialVersionUID = 1L;

    /** The uid to give the sink transformation ({@code sinkTo(sink).uid(UID)}); never change it. */
    public static final String UID = "enriched-parquet-sink";

    /** Generous: a publish moves every file of a partition, which on S3 means copying it. */
    static final Duration PUBLISH_TIMEOUT = Duration.ofMinutes(10);

    private final String rootUri;
    private final PartitionCatalog catalog;
    private final Duration publishedStateRetention;

    /**
     * @param rootUri storage root under which the {@code StorageLayout} paths live, e.g. {@code
     *     file:///data/des} or {@code s3://bucket/prefix} (needs flink-s3-fs-hadoop, whose
     *     recoverable writer supports S3)
     * @param catalog told about every published partition; {@link PartitionCatalog#none()} for none
     * @param publishedStateRetention how long a published ERID's tombstone is kept so that replayed
     *     committables are ignored; longer than the oldest checkpoint the job might restore from
     */
    public EnrichedParquetSink(String rootUri, PartitionCatalog catalog, Duration publishedStateRetention) {
        this.rootUri = stripTrailingSlash(Objects.requireNonNull(rootUri, "rootUri"));
        if (URI.create(this.rootUri).getScheme() == null) {
            throw new IllegalArgumentException("rootUri needs a scheme such as file:// or s3://, got: " + rootUri);
        }
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.publishedStateRetention = Objects.requireNonNull(publishedStateRetention, "publishedStateRetention");
        if (publishedStateRetention.isNegative() || publishedStateRetention.isZero()) {
            throw new IllegalArgumentException("publishedStateRetention must be positive, got " + publishedStateRetention);
        }
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
        DataStream<PublishRequest> publishRequests = committed
                .flatMap(new CommittedFiles()).uid("partition-committed-files").name("Committed files")
                .keyBy(file -> EridKey.of(file.tenant, file.erid))
                .process(new PartitionProgressFunction(publishedStateRetention))
                .uid("partition-progress").name("Partition progress");
        AsyncDataStream.unorderedWait(
                        publishRequests,
                        new PartitionPublishFunction(rootUri, catalog),
                        PUBLISH_TIMEOUT.toMillis(),
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
