package io.des.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSourceReaderTest {

    @TempDir
    Path dir;

    @Test
    void restoredSplitResumesAtTheFirstMessageNotYetEmitted() throws Exception {
        appendNumbered(0, 10);
        long offsetAfterFour = offsetAfter(4);
        CollectingOutput output = new CollectingOutput();

        try (BrokerSourceReader reader = new BrokerSourceReader(dir, Duration.ofMillis(10))) {
            reader.addSplits(List.of(new BrokerPartitionSplit(0, offsetAfterFour, BrokerPartitionSplit.NO_END)));
            drain(reader, output);

            assertEquals(List.of("m4", "m5", "m6", "m7", "m8", "m9"), output.values);
            assertEquals(List.of(new BrokerPartitionSplit(0, offsetAfter(10), BrokerPartitionSplit.NO_END)), reader.snapshotState(1));
        }
    }

    @Test
    void idleReaderWaitsOnItsAvailabilityFutureAndSeesNewMessages() throws Exception {
        appendNumbered(0, 2);
        CollectingOutput output = new CollectingOutput();
        try (BrokerSourceReader reader = new BrokerSourceReader(dir, Duration.ofMillis(10))) {
            reader.addSplits(List.of(new BrokerPartitionSplit(0, 0, BrokerPartitionSplit.NO_END)));
            drain(reader, output);
            assertFalse(reader.isAvailable().isDone(), "nothing to read: the reader must not ask to be polled at once");

            reader.isAvailable().get(10, TimeUnit.SECONDS);
            appendNumbered(2, 3);
            drain(reader, output);

            assertEquals(List.of("m0", "m1", "m2"), output.values);
        }
    }

    @Test
    void boundedSplitEndsAtItsEndOffset() throws Exception {
        appendNumbered(0, 6);
        CollectingOutput output = new CollectingOutput();
        try (BrokerSourceReader reader = new BrokerSourceReader(dir, Duration.ofMillis(10))) {
            reader.addSplits(List.of(new BrokerPartitionSplit(0, 0, offsetAfter(3))));
            reader.notifyNoMoreSplits();

            InputStatus status;
            do {
                status = reader.pollNext(output);
            } while (status == InputStatus.MORE_AVAILABLE);

            assertEquals(InputStatus.END_OF_INPUT, status);
            assertEquals(List.of("m0", "m1", "m2"), output.values);
            assertTrue(reader.snapshotState(1).isEmpty());
        }
    }

    private void drain(BrokerSourceReader reader, CollectingOutput output) throws Exception {
        while (reader.pollNext(output) == InputStatus.MORE_AVAILABLE) {
            // keep polling until the reader has nothing left
        }
    }

    private void appendNumbered(int from, int to) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 1)) {
            List<Message> messages = new ArrayList<>();
            for (int i = from; i < to; i++) {
                messages.add(new Message("k", ("m" + i).getBytes(UTF_8)));
            }
            broker.append(messages);
        }
    }

    private long offsetAfter(int frames) throws Exception {
        try (FileChannel channel = FileChannel.open(EmbeddedBroker.partitionFile(dir, 0), StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(channel, 0);
            for (int i = 0; i < frames; i++) {
                reader.next();
            }
            return reader.position();
        }
    }

    private static final class CollectingOutput implements ReaderOutput<byte[]> {
        final List<String> values = new ArrayList<>();

        @Override
        public void collect(byte[] record) {
            values.add(new String(record, UTF_8));
        }

        @Override
        public void collect(byte[] record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<byte[]> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
