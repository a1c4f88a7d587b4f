package io.des.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.ingest.RecordPublisher;
import io.des.ingest.RecordTooLargeException;
import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import io.des.model.TenantIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {

    @TempDir
    Path dir;

    @Test
    void messagesAreReadBackInOrderPerKeyAfterReopen() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 3)) {
            for (int batch = 0; batch < 10; batch++) {
                List<Message> messages = new ArrayList<>();
                for (int i = batch * 10; i < batch * 10 + 10; i++) {
                    messages.add(message("key-" + (i % 5), "key-" + (i % 5) + ":" + i));
                }
                broker.append(messages);
            }
        }

        try (EmbeddedBroker reopened = EmbeddedBroker.open(dir, 3)) {
            List<String> all = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                for (String payload : readPartition(dir, p)) {
                    String key = payload.substring(0, payload.indexOf(':'));
                    assertEquals(p, EmbeddedBroker.partitionOf(key, 3), "routed by key: " + payload);
                    all.add(payload);
                }
            }
            assertEquals(100, all.size());
            for (int k = 0; k < 5; k++) {
                String key = "key-" + k;
                List<Integer> order = all.stream().filter(m -> m.startsWith(key + ":"))
                        .map(m -> Integer.parseInt(m.substring(m.indexOf(':') + 1))).toList();
                assertEquals(order.stream().sorted().toList(), order, "order of " + key);
            }
        }
    }

    @Test
    void tornTailIsTruncatedOnReopenAndEarlierMessagesSurvive() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 1)) {
            broker.append(List.of(message("a", "first"), message("b", "second")));
        }
        Path file = EmbeddedBroker.partitionFile(dir, 0);
        long intactSize = Files.size(file);
        // A frame header announcing 100 bytes followed by only 5: an append killed mid-write.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(13).putInt(100).putInt(12345).put("hello".getBytes(UTF_8)).flip());
        }

        try (EmbeddedBroker reopened = EmbeddedBroker.open(dir, 1)) {
            assertEquals(intactSize, Files.size(file));
            reopened.append(List.of(message("c", "third")));
        }

        assertEquals(List.of("first", "second", "third"), readPartition(dir, 0));
    }

    @Test
    void completeFrameWithBadChecksumAtTheTailIsTruncated() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 1)) {
            broker.append(List.of(message("a", "first")));
        }
        Path file = EmbeddedBroker.partitionFile(dir, 0);
        long intactSize = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.allocate(13).putInt(5).putInt(0).put("xxxxx".getBytes(UTF_8)).flip());
        }

        EmbeddedBroker.open(dir, 1).close();

        assertEquals(intactSize, Files.size(file));
        assertEquals(List.of("first"), readPartition(dir, 0));
    }

    @Test
    void reopeningWithAnotherPartitionCountFails() throws Exception {
        EmbeddedBroker.open(dir, 4).close();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmbeddedBroker.open(dir, 2));
        assertTrue(e.getMessage().contains("has 4 partitions, cannot open it with 2"), e.getMessage());
        EmbeddedBroker.open(dir, 4).close();
    }

    @Test
    void brokerCannotBeOpenedTwiceAtOnce() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 2)) {
            assertThrows(IllegalStateException.class, () -> EmbeddedBroker.open(dir, 2));
        }
    }

    @Test
    void concurrentAppendsAreAllStoredIntact() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 2)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        broker.append(List.of(message("t" + thread + "-" + i, "t" + thread + "-" + i)));
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            threads.shutdownNow();
        }

        List<String> all = new ArrayList<>(readPartition(dir, 0));
        all.addAll(readPartition(dir, 1));
        List<String> expected = IntStream.range(0, 4).boxed()
                .flatMap(t -> IntStream.range(0, 100).mapToObj(i -> "t" + t + "-" + i)).sorted().toList();
        assertEquals(expected, all.stream().sorted().toList());
    }

    @Test
    void publisherStoresTheWireFormatKeyedByEridAndIndex() throws Exception {
        String erid = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
        List<ContactRecord> records = IntStream.range(0, 20)
                .mapToObj(i -> new ContactRecord(TenantIds.DEFAULT, erid, i, "2026-03-14", 20, List.of("job_title"),
                        Map.of("email", i + "@example.com")))
                .toList();
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 4); RecordPublisher publisher = new BrokerRecordPublisher(broker)) {
            publisher.publish(records);
        }

        List<ContactRecord> stored = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            for (byte[] payload : readPartitionBytes(dir, p)) {
                ContactRecord record = RecordCodec.decode(payload);
                assertEquals(p, EmbeddedBroker.partitionOf(erid + "/" + record.recordIndex, 4));
                stored.add(record);
            }
        }
        assertEquals(records, stored.stream().sorted((a, b) -> Long.compare(a.recordIndex, b.recordIndex)).toList());
        assertTrue(IntStream.range(0, 4).filter(p -> !readPartitionUnchecked(dir, p).isEmpty()).count() > 1,
                "one ERID spreads over partitions");
    }

    @Test
    void publisherRejectsRecordsOverTheKinesisLimit() throws Exception {
        ContactRecord huge = new ContactRecord(TenantIds.DEFAULT, "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", 3, "2026-03-14", 5,
                List.of("job_title"), Map.of("email", "x".repeat(RecordPublisher.MAX_RECORD_BYTES)));
        try (EmbeddedBroker broker = EmbeddedBroker.open(dir, 1)) {
            RecordTooLargeException e = assertThrows(RecordTooLargeException.class,
                    () -> new BrokerRecordPublisher(broker).publish(List.of(huge)));
            assertEquals(3, e.recordIndex());
        }
        assertEquals(0, Files.size(EmbeddedBroker.partitionFile(dir, 0)));
    }

    private static Message message(String key, String payload) {
        return new Message(key, payload.getBytes(UTF_8));
    }

    static List<String> readPartition(Path dir, int partition) throws IOException {
        return readPartitionBytes(dir, partition).stream().map(bytes -> new String(bytes, UTF_8)).toList();
    }

    private static List<byte[]> readPartitionUnchecked(Path dir, int partition) {
        try {
            return readPartitionBytes(dir, partition);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<byte[]> readPartitionBytes(Path dir, int partition) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(EmbeddedBroker.partitionFile(dir, partition), StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(channel, 0);
            for (byte[] payload = reader.next(); payload != null; payload = reader.next()) {
                payloads.add(payload);
            }
            assertEquals(channel.size(), reader.position(), "no unreadable bytes in partition " + partition);
        }
        return payloads;
    }
}
