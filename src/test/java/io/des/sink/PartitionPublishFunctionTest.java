package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.StorageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The async operator around {@link PartitionPublisher}, as the job runs it. */
class PartitionPublishFunctionTest {

    private static final String TENANT = "acme";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String DATE = "2026-11-21";

    @TempDir
    Path root;

    private OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness(PartitionCatalog catalog)
            throws Exception {
        OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(new PartitionPublishFunction(root.toUri().toString(), catalog),
                        60_000, PartitionPublishFunction.MAX_CONCURRENT_PUBLISHES, AsyncDataStream.OutputMode.UNORDERED),
                PublishRequestTypeInfo.TYPE.createSerializer(new ExecutionConfig().getSerializerConfig()));
        harness.open();
        return harness;
    }

    private PublishRequest requestWithOneFile(long rows) throws Exception {
        Path incomplete = root.resolve(StorageLayout.incompletePartitionPath(TENANT, DATE, ERID));
        Files.createDirectories(incomplete);
        String name = "part-" + UUID.randomUUID() + "-0-0.parquet";
        Files.write(incomplete.resolve(name), new byte[] {1, 2, 3});
        return new PublishRequest(TENANT, ERID, DATE, rows, List.of(new CommittedFile(name, rows)), Map.of());
    }

    private static void process(OneInputStreamOperatorTestHarness<PublishRequest, ?> harness, PublishRequest request)
            throws Exception {
        synchronized (harness.getCheckpointLock()) {
            harness.processElement(new StreamRecord<>(request));
        }
    }

    private static void finish(OneInputStreamOperatorTestHarness<PublishRequest, ?> harness) throws Exception {
        synchronized (harness.getCheckpointLock()) {
            harness.endInput();
            harness.close();
        }
    }

    @Test
    void theSameRequestTwicePublishesOnceAndAnswersTwice() throws Exception {
        RecordingPartitionCatalog catalog = new RecordingPartitionCatalog();
        PublishRequest request = requestWithOneFile(42);
        OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness = harness(catalog);

        process(harness, request);
        finish(harness);
        List<PublishedPartition> first = harness.extractOutputValues();
        // Again, as after a restore that replays the request from the async operator's state.
        harness = harness(catalog);
        process(harness, request);
        finish(harness);
        List<PublishedPartition> second = harness.extractOutputValues();

        assertEquals(1, first.size());
        assertEquals(ERID, first.get(0).erid);
        assertEquals(42, first.get(0).rows);
        assertEquals(first, second);
        Path published = root.resolve(StorageLayout.publishedPartitionPath(TENANT, DATE, ERID));
        assertTrue(Files.exists(published.resolve(request.files.get(0).fileName)));
        assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertFalse(Files.exists(root.resolve(StorageLayout.incompletePartitionPath(TENANT, DATE, ERID))));
        assertEquals(2, catalog.registrations().size());
    }
}
