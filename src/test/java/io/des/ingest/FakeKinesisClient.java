package io.des.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A Kinesis stream in memory that answers PutRecords like the service: per-entry results, failing
 * the entries a test chooses with a throttling error code.
 */
final class FakeKinesisClient implements KinesisClient {

    static final String THROTTLED = "ProvisionedThroughputExceededException";

    final List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();
    final List<String> storedKeys = new ArrayList<>();
    private final Set<String> failedBefore = ConcurrentHashMap.newKeySet();
    private final Predicate<String> failFirstTime;
    private final Predicate<String> failAlways;
    RuntimeException throwOnNextCall;

    FakeKinesisClient(Predicate<String> failFirstTime, Predicate<String> failAlways) {
        this.failFirstTime = failFirstTime;
        this.failAlways = failAlways;
    }

    @Override
    public synchronized PutRecordsResponse putRecords(PutRecordsRequest request) {
        calls.add(List.copyOf(request.records()));
        if (throwOnNextCall != null) {
            RuntimeException e = throwOnNextCall;
            throwOnNextCall = null;
            throw e;
        }
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int failed = 0;
        for (PutRecordsRequestEntry entry : request.records()) {
            String key = entry.partitionKey();
            boolean fail = failAlways.test(key) || (failFirstTime.test(key) && failedBefore.add(key));
            if (fail) {
                failed++;
                results.add(PutRecordsResultEntry.builder().errorCode(THROTTLED).errorMessage("Rate exceeded for shard").build());
            } else {
                storedKeys.add(key);
                results.add(PutRecordsResultEntry.builder().shardId("shardId-000").sequenceNumber(Integer.toString(storedKeys.size())).build());
            }
        }
        return PutRecordsResponse.builder().failedRecordCount(failed).records(results).build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {}
}
