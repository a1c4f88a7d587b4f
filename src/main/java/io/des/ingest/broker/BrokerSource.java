package io.des.ingest.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Flink source over an {@link EmbeddedBroker}: emits each message payload once per run, in order
 * within a partition. Each partition is a split whose state is the byte offset of the next frame,
 * checkpointed with the job's state, so a restore resumes exactly after the last emitted message;
 * with a transactional sink downstream the pipeline is exactly-once.
 *
 * <p>The broker directory must exist (created by {@link EmbeddedBroker#open}) when the job starts.
 * The source only reads it, so the ingest API may append concurrently from another process.
 */
public final class BrokerSource
        implements Source<byte[], BrokerPartitionSplit, BrokerEnumeratorState>, ResultTypeQueryable<byte[]> {

    private static final long serialVersionUID = 1L;

    /** How long an idle reader waits before looking for new frames. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String brokerDir;
    private final boolean bounded;

    /** An unbounded source that keeps reading frames as they are appended. */
    public BrokerSource(String brokerDir) {
        this(brokerDir, false);
    }

    private BrokerSource(String brokerDir, boolean bounded) {
        this.brokerDir = Objects.requireNonNull(brokerDir, "brokerDir");
        this.bounded = bounded;
    }

    /**
     * A bounded source that ends at the end of each partition as found when the job first starts
     * (for tests and benchmarks); messages appended later are not read.
     */
    public static BrokerSource bounded(String brokerDir) {
        return new BrokerSource(brokerDir, true);
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<byte[], BrokerPartitionSplit> createReader(SourceReaderContext readerContext) {
        return new BrokerSourceReader(Path.of(brokerDir), POLL_INTERVAL);
    }

    @Override
    public SplitEnumerator<BrokerPartitionSplit, BrokerEnumeratorState> createEnumerator(
            SplitEnumeratorContext<BrokerPartitionSplit> enumContext) {
        return new BrokerSplitEnumerator(enumContext, Path.of(brokerDir), bounded);
    }

    @Override
    public SplitEnumerator<BrokerPartitionSplit, BrokerEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<BrokerPartitionSplit> enumContext, BrokerEnumeratorState checkpoint) {
        return new BrokerSplitEnumerator(enumContext, Path.of(brokerDir), bounded, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<BrokerPartitionSplit> getSplitSerializer() {
        return new BrokerSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<BrokerEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new BrokerEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<byte[]> getProducedType() {
        return PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    }
}
