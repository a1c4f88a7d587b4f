package io.des.ingest.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands every broker partition to exactly one reader: partition {@code p} to subtask
 * {@code p % parallelism}, as soon as that subtask registers. Splits returned by a failed reader
 * ({@link #addSplitsBack}) go back to the same subtask when it registers again, with the offsets of
 * the last checkpoint.
 *
 * <p>A fresh bounded enumerator fixes each split's end at the end of the last intact frame found
 * when it starts; restored splits keep the ends they were created with.
 */
final class BrokerSplitEnumerator implements SplitEnumerator<BrokerPartitionSplit, BrokerEnumeratorState> {

    private final SplitEnumeratorContext<BrokerPartitionSplit> context;
    private final Path brokerDir;
    private final boolean bounded;
    private final List<BrokerPartitionSplit> unassigned = new ArrayList<>();
    private boolean discovered;

    /** A fresh enumerator, which discovers the partitions on {@link #start}. */
    BrokerSplitEnumerator(SplitEnumeratorContext<BrokerPartitionSplit> context, Path brokerDir, boolean bounded) {
        this.context = context;
        this.brokerDir = brokerDir;
        this.bounded = bounded;
    }

    /** An enumerator restored from a checkpoint. */
    BrokerSplitEnumerator(
            SplitEnumeratorContext<BrokerPartitionSplit> context, Path brokerDir, boolean bounded, BrokerEnumeratorState state) {
        this(context, brokerDir, bounded);
        unassigned.addAll(state.unassignedSplits());
        discovered = true;
    }

    @Override
    public void start() {
        if (!discovered) {
            try {
                int partitions = EmbeddedBroker.readPartitionCount(brokerDir);
                for (int p = 0; p < partitions; p++) {
                    long end = bounded ? endOfIntactFrames(EmbeddedBroker.partitionFile(brokerDir, p)) : BrokerPartitionSplit.NO_END;
                    unassigned.add(new BrokerPartitionSplit(p, 0, end));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the embedded broker in " + brokerDir, e);
            }
            discovered = true;
        }
        context.registeredReaders().keySet().forEach(this::assignPendingSplits);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed on registration; readers never request them.
    }

    @Override
    public void addSplitsBack(List<BrokerPartitionSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignPendingSplits(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        if (discovered) {
            assignPendingSplits(subtaskId);
        }
    }

    @Override
    public BrokerEnumeratorState snapshotState(long checkpointId) {
        return new BrokerEnumeratorState(unassigned);
    }

    @Override
    public void close() {}

    private void assignPendingSplits(int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<BrokerPartitionSplit> it = unassigned.iterator(); it.hasNext(); ) {
            BrokerPartitionSplit split = it.next();
            if (split.partition() % parallelism == subtaskId) {
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
        if (bounded) {
            // Every split this subtask will ever own is assigned, so it may finish once they are read.
            context.signalNoMoreSplits(subtaskId);
        }
    }

    private static long endOfIntactFrames(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(channel, 0);
            while (reader.next() != null) {
                // scan to the last intact frame
            }
            return reader.position();
        }
    }
}
