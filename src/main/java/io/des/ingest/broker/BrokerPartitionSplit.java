package io.des.ingest.broker;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One broker partition as a Flink source split: its number, the byte offset of the next frame to
 * read (the checkpointed position) and, for bounded reads, the offset at which reading stops.
 */
public final class BrokerPartitionSplit implements SourceSplit {

    /** {@link #endOffset()} of a split read without end. */
    public static final long NO_END = Long.MAX_VALUE;

    private final int partition;
    private final long offset;
    private final long endOffset;

    public BrokerPartitionSplit(int partition, long offset, long endOffset) {
        if (partition < 0 || offset < 0 || endOffset < offset) {
            throw new IllegalArgumentException("need partition >= 0 and 0 <= offset <= endOffset, got partition "
                    + partition + ", offset " + offset + ", endOffset " + endOffset);
        }
        this.partition = partition;
        this.offset = offset;
        this.endOffset = endOffset;
    }

    public int partition() {
        return partition;
    }

    /** Byte offset of the next frame to read in the partition file. */
    public long offset() {
        return offset;
    }

    /** Offset at which a bounded read ends, or {@link #NO_END}. */
    public long endOffset() {
        return endOffset;
    }

    public boolean isBounded() {
        return endOffset != NO_END;
    }

    /** The same partition read up to {@code newOffset}. */
    public BrokerPartitionSplit withOffset(long newOffset) {
        return new BrokerPartitionSplit(partition, newOffset, endOffset);
    }

    @Override
    public String splitId() {
        return "partition-" + partition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokerPartitionSplit that
                && partition == that.partition && offset == that.offset && endOffset == that.endOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(partition, offset, endOffset);
    }

    @Override
    public String toString() {
        return "BrokerPartitionSplit{partition=" + partition + ", offset=" + offset
                + ", endOffset=" + (isBounded() ? Long.toString(endOffset) : "none") + '}';
    }
}
