package io.des.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSplitEnumeratorTest {

    @TempDir
    Path dir;

    @Test
    void partitionsAreSpreadEvenlyOverReadersAsTheyRegister() throws Exception {
        EmbeddedBroker.open(dir, 5).close();
        RecordingContext context = new RecordingContext(2);
        BrokerSplitEnumerator enumerator = new BrokerSplitEnumerator(context, dir, false);
        enumerator.start();

        context.register(0);
        enumerator.addReader(0);
        context.register(1);
        enumerator.addReader(1);

        assertEquals(Map.of(0, List.of(0, 2, 4), 1, List.of(1, 3)), context.assignedPartitions());
        assertTrue(enumerator.snapshotState(1).unassignedSplits().isEmpty());
        assertTrue(context.noMoreSplits.isEmpty(), "an unbounded source never runs out of splits");
    }

    @Test
    void splitsOfAFailedReaderGoBackToItWithTheirOffsets() throws Exception {
        EmbeddedBroker.open(dir, 2).close();
        RecordingContext context = new RecordingContext(2);
        BrokerSplitEnumerator enumerator = new BrokerSplitEnumerator(context, dir, false);
        enumerator.start();
        context.register(0);
        enumerator.addReader(0);
        context.assigned.clear();

        BrokerPartitionSplit checkpointed = new BrokerPartitionSplit(0, 4096, BrokerPartitionSplit.NO_END);
        context.registered.remove(0);
        enumerator.addSplitsBack(List.of(checkpointed), 0);
        assertTrue(enumerator.snapshotState(2).unassignedSplits().contains(checkpointed), "kept until the reader is back");

        context.register(0);
        enumerator.addReader(0);
        assertEquals(List.of(checkpointed), context.assigned.get(0));
    }

    @Test
    void boundedEnumeratorEndsSplitsAtTheDataFoundAtStart() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 1)) {
            broker.append(List.of(new Message("k", "one".getBytes(UTF_8)), new Message("k", "two".getBytes(UTF_8))));
        }
        long size = Files.size(EmbeddedBroker.partitionFile(dir, 0));
        RecordingContext context = new RecordingContext(2);
        context.register(0);
        context.register(1);
        BrokerSplitEnumerator enumerator = new BrokerSplitEnumerator(context, dir, true);

        enumerator.start();

        assertEquals(List.of(new BrokerPartitionSplit(0, 0, size)), context.assigned.get(0));
        assertEquals(Set.of(0, 1), context.noMoreSplits, "readers, with or without a split, may finish");
    }

    @Test
    void missingBrokerFailsAtStartNamingTheDirectory() {
        BrokerSplitEnumerator enumerator = new BrokerSplitEnumerator(new RecordingContext(1), dir.resolve("nowhere"), false);

        RuntimeException e = assertThrows(RuntimeException.class, enumerator::start);
        assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    }

    /** The parts of the enumerator context the enumerator uses, recording what it assigns. */
    private static final class RecordingContext implements SplitEnumeratorContext<BrokerPartitionSplit> {
        final int parallelism;
        final Map<Integer, ReaderInfo> registered = new HashMap<>();
        final Map<Integer, List<BrokerPartitionSplit>> assigned = new TreeMap<>();
        final Set<Integer> noMoreSplits = new HashSet<>();

        RecordingContext(int parallelism) {
            this.parallelism = parallelism;
        }

        void register(int subtask) {
            registered.put(subtask, new ReaderInfo(subtask, "localhost"));
        }

        Map<Integer, List<Integer>> assignedPartitions() {
            Map<Integer, List<Integer>> partitions = new TreeMap<>();
            assigned.forEach((subtask, splits) -> partitions.put(subtask, splits.stream().map(BrokerPartitionSplit::partition).toList()));
            return partitions;
        }

        @Override
        public int currentParallelism() {
            return parallelism;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return registered;
        }

        @Override
        public void assignSplits(SplitsAssignment<BrokerPartitionSplit> assignment) {
            assignment.assignment().forEach((subtask, splits) -> assigned.computeIfAbsent(subtask, s -> new ArrayList<>()).addAll(splits));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            noMoreSplits.add(subtask);
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler, long initialDelay, long period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            runnable.run();
        }
    }
}
