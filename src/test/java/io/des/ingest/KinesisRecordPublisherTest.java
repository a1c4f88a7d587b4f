package io.des.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import io.des.model.TenantIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisRecordPublisherTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final KinesisRetryPolicy POLICY =
            new KinesisRetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMinutes(1));

    private final List<Duration> sleeps = new ArrayList<>();

    @Test
    void onlyFailedEntriesAreResentUntilAllAreStored() throws Exception {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> indexOf(key) % 7 == 3, key -> false);
        List<ContactRecord> records = records(1200, 10);

        publisher(kinesis).publish(records);

        List<String> expectedKeys = records.stream().map(r -> ERID + "/" + r.recordIndex).sorted().toList();
        assertEquals(expectedKeys, kinesis.storedKeys.stream().sorted().toList(), "every record stored exactly once");
        Map<String, Long> timesSent = kinesis.calls.stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(PutRecordsRequestEntry::partitionKey, Collectors.counting()));
        List<String> wronglySent = expectedKeys.stream()
                .filter(key -> timesSent.get(key) != (indexOf(key) % 7 == 3 ? 2L : 1L))
                .toList();
        assertEquals(List.of(), wronglySent, "failed entries are sent twice, stored ones once");
        List<Integer> firstAttemptSizes = List.of(kinesis.calls.get(0).size(), kinesis.calls.get(2).size(), kinesis.calls.get(4).size());
        assertEquals(List.of(500, 500, 200), firstAttemptSizes);
        assertEquals(6, kinesis.calls.size(), "each batch is followed by one retry of its failed entries");
        assertEquals(3, sleeps.size(), "one backoff per batch that had failures");
        sleeps.forEach(delay -> assertTrue(!delay.isNegative() && delay.compareTo(POLICY.maxDelay()) <= 0, delay.toString()));
    }

    @Test
    void batchesNeverExceed500EntriesOr5MiB() throws Exception {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> false);
        List<ContactRecord> records = new ArrayList<>(records(40, 300_000));
        records.addAll(records(1100, 10).stream().map(r -> reindexed(r, r.recordIndex + 40)).toList());

        publisher(kinesis).publish(records);

        assertEquals(records.size(), kinesis.storedKeys.size());
        for (List<PutRecordsRequestEntry> call : kinesis.calls) {
            long bytes = call.stream().mapToLong(e -> e.data().asByteArray().length + e.partitionKey().length()).sum();
            assertTrue(call.size() <= 500, "entries " + call.size());
            assertTrue(bytes <= 5L * 1024 * 1024, "bytes " + bytes);
        }
    }

    @Test
    void entriesThatKeepFailingEndInAnExceptionNamingCountsAndErrorCode() {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> indexOf(key) < 2);

        PublishException e = assertThrows(PublishException.class, () -> publisher(kinesis).publish(records(10, 10)));

        assertTrue(e.getMessage().contains("2 of 10 records not stored"), e.getMessage());
        assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains(FakeKinesisClient.THROTTLED), e.getMessage());
        assertEquals(4, kinesis.calls.size());
    }

    @Test
    void throttledCallIsRetried() throws Exception {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> false);
        kinesis.throwOnNextCall = ProvisionedThroughputExceededException.builder().message("slow down").build();

        publisher(kinesis).publish(records(3, 10));

        assertEquals(2, kinesis.calls.size());
        assertEquals(3, kinesis.storedKeys.size());
    }

    @Test
    void missingStreamFailsWithoutRetrying() {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> false);
        kinesis.throwOnNextCall = ResourceNotFoundException.builder().message("Stream des not found").statusCode(400).build();

        assertThrows(PublishException.class, () -> publisher(kinesis).publish(records(3, 10)));
        assertEquals(1, kinesis.calls.size());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void partitionKeysSpreadAnEridAndDataIsTheWireFormat() throws Exception {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> false);
        List<ContactRecord> records = records(50, 10);

        publisher(kinesis).publish(records);

        List<PutRecordsRequestEntry> sent = kinesis.calls.get(0);
        assertEquals(50, sent.stream().map(PutRecordsRequestEntry::partitionKey).collect(Collectors.toSet()).size());
        assertEquals(records.get(7), RecordCodec.decode(sent.get(7).data().asByteArray()));
    }

    @Test
    void recordOver1MiBIsRejectedBeforeAnythingIsSent() {
        FakeKinesisClient kinesis = new FakeKinesisClient(key -> false, key -> false);
        List<ContactRecord> records = new ArrayList<>(records(3, 10));
        records.set(1, records(2, RecordPublisher.MAX_RECORD_BYTES).get(1));

        RecordTooLargeException e = assertThrows(RecordTooLargeException.class, () -> publisher(kinesis).publish(records));

        assertEquals(1, e.recordIndex());
        assertTrue(kinesis.calls.isEmpty());
    }

    private KinesisRecordPublisher publisher(FakeKinesisClient kinesis) {
        return new KinesisRecordPublisher(kinesis, "des-contacts", POLICY, sleeps::add, System::nanoTime);
    }

    private static List<ContactRecord> records(int count, int emailLength) {
        return LongStream.range(0, count)
                .mapToObj(i -> new ContactRecord(TenantIds.DEFAULT, ERID, i, "2026-03-14", 100_000, List.of("phone_number"),
                        Map.of("email", "x".repeat(emailLength))))
                .toList();
    }

    private static ContactRecord reindexed(ContactRecord record, long index) {
        return new ContactRecord(record.tenant, record.erid, index, record.requestDate, record.numberOfRecords,
                record.fieldsToEnrich, record.contact);
    }

    private static long indexOf(String partitionKey) {
        return Long.parseLong(partitionKey.substring(partitionKey.indexOf('/') + 1));
    }

}
