package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.FieldCounts;
import io.des.model.StorageLayout;
import io.des.registry.EridContract;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryConnector;
import io.des.registry.WebhookDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The async operator around {@link PartitionPublisher} and {@link CompletionReporter}, as the job runs it. */
class PartitionPublishFunctionTest {

    private static final String TENANT = "acme";
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String DATE = CommittedParquetFiles.DATE;
    private static final String CALLBACK = "https://hooks.example.com/des";
    private static final Map<String, FieldTally> TALLIES = Map.of("professional_email", new FieldTally(40, 1, 1, 42));

    @TempDir
    Path root;

    private OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness(
            PartitionCatalog catalog, RegistryConnector registry) throws Exception {
        OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(new PartitionPublishFunction(root.toUri().toString(), catalog, registry, S3Connection.standard()),
                        60_000, PartitionPublishFunction.MAX_CONCURRENT_PUBLISHES, AsyncDataStream.OutputMode.UNORDERED),
                PublishRequestTypeInfo.TYPE.createSerializer(new ExecutionConfig().getSerializerConfig()));
        harness.open();
        return harness;
    }

    private PublishRequest requestWithOneFile(long rows) throws Exception {
        Path incomplete = root.resolve(StorageLayout.incompletePartitionPath(TENANT, DATE, ERID));
        CommittedFile file = CommittedParquetFiles.write(incomplete, TENANT, ERID, rows, LongStream.range(0, rows));
        return new PublishRequest(TENANT, ERID, DATE, rows, List.of(file), TALLIES);
    }

    /** Processes {@code request} to the end and returns what the operator emitted. */
    private static List<PublishedPartition> publish(
            OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness, PublishRequest request)
            throws Exception {
        synchronized (harness.getCheckpointLock()) {
            harness.processElement(new StreamRecord<>(request));
            harness.endInput();
            harness.close();
        }
        return harness.extractOutputValues();
    }

    /** Processes {@code request}, which must fail the job, and returns the failure. */
    private static Throwable publishFailing(
            OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness, PublishRequest request)
            throws Exception {
        AsyncFailures.expectFailure(harness);
        synchronized (harness.getCheckpointLock()) {
            harness.processElement(new StreamRecord<>(request));
        }
        Throwable failure = AsyncFailures.awaitFailure(harness);
        assertEquals(List.of(), harness.extractOutputValues());
        return failure;
    }

    private static EridRegistry registeredAcmeErid(long numberOfRecords) {
        InMemoryEridRegistry registry = new InMemoryEridRegistry();
        registry.register(new EridContract(TENANT, ERID, numberOfRecords, List.of("professional_email"),
                LocalDate.parse(DATE), Instant.parse("2026-11-21T08:00:00Z"), CALLBACK, null));
        return registry;
    }

    /** Test connector: the harness runs the function in this JVM without serializing it. */
    private static RegistryConnector connectorTo(EridRegistry registry) {
        return () -> registry;
    }

    @Test
    void theSameRequestTwicePublishesOnceAndAnswersTwice() throws Exception {
        RecordingPartitionCatalog catalog = new RecordingPartitionCatalog();
        PublishRequest request = requestWithOneFile(42);

        List<PublishedPartition> first = publish(harness(catalog, RegistryConnector.none()), request);
        // Again, as after a restore that replays the request from the async operator's state.
        List<PublishedPartition> second = publish(harness(catalog, RegistryConnector.none()), request);

        assertEquals(1, first.size());
        assertEquals(ERID, first.get(0).erid);
        assertEquals(42, first.get(0).rows);
        assertEquals(first, second);
        Path published = root.resolve(StorageLayout.publishedPartitionPath(TENANT, DATE, ERID));
        assertTrue(Files.exists(published.resolve("compacted-0000000000-0000000041.parquet")));
        assertTrue(Files.exists(published.resolve(StorageLayout.SUCCESS_MARKER)));
        assertFalse(Files.exists(root.resolve(StorageLayout.incompletePartitionPath(TENANT, DATE, ERID))));
        assertEquals(2, catalog.registrations().size());
    }

    @Test
    void theRegistryHearsOfTheCompletionOnlyOnceThePartitionIsPublishedAndCatalogued() throws Exception {
        EridRegistry registry = registeredAcmeErid(42);
        PublishRequest request = requestWithOneFile(42);
        RecordingPartitionCatalog catalogFailingOnce = new RecordingPartitionCatalog(1);

        publishFailing(harness(catalogFailingOnce, connectorTo(registry)), request);
        assertEquals(EridLifecycle.RECEIVING, registry.get(TENANT, ERID).orElseThrow().lifecycle(),
                "_SUCCESS was written, but the catalog was not told: not completed yet");
        assertEquals(List.of(), registry.outbox().forErid(TENANT, ERID), "and no webhook");

        publish(harness(catalogFailingOnce, connectorTo(registry)), request); // the replay after the restart

        EridEntry entry = registry.get(TENANT, ERID).orElseThrow();
        assertEquals(EridLifecycle.COMPLETED, entry.lifecycle());
        assertEquals(42, entry.recordsCommitted());
        assertEquals(Map.of("professional_email", new FieldCounts(40, 1, 1, 42)), entry.fieldCounts());
        assertEquals(1, catalogFailingOnce.registrations().size());
        List<WebhookDelivery> webhooks = registry.outbox().forErid(TENANT, ERID);
        assertEquals(1, webhooks.size());
        assertEquals("enrichment_request.completed", webhooks.get(0).type());
        assertEquals(CALLBACK, webhooks.get(0).url());
        assertTrue(webhooks.get(0).payloadJson().contains("\"records_committed\":42"), webhooks.get(0).payloadJson());
    }

    @Test
    void aReplayedCompletionKeepsTheFirstCompletionTimeAndEnqueuesNoSecondWebhook() throws Exception {
        EridRegistry registry = registeredAcmeErid(42);
        PublishRequest request = requestWithOneFile(42);

        publish(harness(new RecordingPartitionCatalog(), connectorTo(registry)), request);
        Instant completedAt = registry.get(TENANT, ERID).orElseThrow().completedAt();
        Thread.sleep(5);
        publish(harness(new RecordingPartitionCatalog(), connectorTo(registry)), request);

        assertEquals(completedAt, registry.get(TENANT, ERID).orElseThrow().completedAt());
        assertEquals(1, registry.outbox().forErid(TENANT, ERID).size());
    }

    @Test
    void anEridThatExpiredBeforeItsPublicationStaysExpiredWithoutACompletionWebhook() throws Exception {
        EridRegistry registry = registeredAcmeErid(42);
        registry.markExpired(TENANT, ERID, Instant.parse("2026-11-28T08:00:00Z"));

        List<PublishedPartition> out = publish(harness(new RecordingPartitionCatalog(), connectorTo(registry)), requestWithOneFile(42));

        assertEquals(1, out.size(), "the rows are published all the same");
        assertEquals(EridLifecycle.EXPIRED, registry.get(TENANT, ERID).orElseThrow().lifecycle());
        assertEquals(List.of(), registry.outbox().forErid(TENANT, ERID));
    }

    @Test
    void anEridWithoutACallbackUrlCompletesWithoutAWebhook() throws Exception {
        InMemoryEridRegistry registry = new InMemoryEridRegistry();
        registry.register(new EridContract(TENANT, ERID, 42, List.of("professional_email"), LocalDate.parse(DATE),
                Instant.parse("2026-11-21T08:00:00Z"), null, null));

        publish(harness(new RecordingPartitionCatalog(), connectorTo(registry)), requestWithOneFile(42));

        assertEquals(EridLifecycle.COMPLETED, registry.get(TENANT, ERID).orElseThrow().lifecycle());
        assertEquals(List.of(), registry.outbox().forErid(TENANT, ERID));
    }

    @Test
    void aRegistryFailureFailsThePublishSoThatTheRequestIsRetriedAfterTheRestart() throws Exception {
        EridRegistry down = AsyncFailures.unavailableRegistry();
        Throwable failure = publishFailing(harness(new RecordingPartitionCatalog(), connectorTo(down)), requestWithOneFile(42));

        assertTrue(AsyncFailures.mentions(failure, "registry unavailable"), failure.toString());
    }

    @Test
    void anEridUnknownToTheRegistryIsPublishedAllTheSame() throws Exception {
        InMemoryEridRegistry empty = new InMemoryEridRegistry();

        List<PublishedPartition> out = publish(harness(new RecordingPartitionCatalog(), connectorTo(empty)), requestWithOneFile(42));

        assertEquals(1, out.size());
        assertTrue(empty.get(TENANT, ERID).isEmpty());
    }

    /** Stop with savepoint closes the operator while a publish runs: the publish is in the savepoint, not a failure. */
    @Test
    void aPublishInterruptedByClosingTheOperatorDoesNotFailTheJob() throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        PartitionCatalog stuck = (tenant, requestDate, erid, partitionUri) -> {
            reached.countDown();
            new CountDownLatch(1).await(); // until the operator's close interrupts it
        };
        OneInputStreamOperatorTestHarness<PublishRequest, PublishedPartition> harness = harness(stuck, RegistryConnector.none());
        AsyncFailures.expectFailure(harness);
        synchronized (harness.getCheckpointLock()) {
            harness.processElement(new StreamRecord<>(requestWithOneFile(42)));
        }
        assertTrue(reached.await(30, TimeUnit.SECONDS), "the publish reached the catalog");

        synchronized (harness.getCheckpointLock()) {
            harness.close();
        }

        assertEquals(Optional.empty(), harness.getEnvironment().getActualExternalFailureCause());
        assertEquals(List.of(), harness.extractOutputValues());
    }
}
