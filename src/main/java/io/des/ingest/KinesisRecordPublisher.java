package io.des.ingest;

import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Publishes records to a Kinesis data stream with PutRecords.
 *
 * <p>Each record's partition key is {@code erid + "/" + recordIndex}: one key per ERID would put a
 * whole request on one shard (1,000 records/s), while per-record keys spread it over all shards.
 * The job does not need per-ERID ordering, it deduplicates and counts by {@code record_index}.
 *
 * <p>Records are sent in calls of at most 500 entries and 5 MiB. Kinesis may store only part of a
 * call (throttling, internal errors); only the entries it did not store are retried, with
 * exponential backoff and jitter per {@link KinesisRetryPolicy}. Whole-call failures that can pass
 * (throttling, 5xx, network) are retried the same way; others (missing stream, access denied) fail
 * at once.
 */
public final class KinesisRecordPublisher implements RecordPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisRecordPublisher.class);

    /** Blocks the calling thread between retries; replaced in tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final KinesisClient client;
    private final String streamName;
    private final KinesisRetryPolicy retryPolicy;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /** Publishes to {@code streamName} through {@code client} (which this publisher closes) with default retries. */
    public KinesisRecordPublisher(KinesisClient client, String streamName) {
        this(client, streamName, KinesisRetryPolicy.defaults(), duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
    }

    KinesisRecordPublisher(KinesisClient client, String streamName, KinesisRetryPolicy retryPolicy, Sleeper sleeper, LongSupplier nanoTime) {
        this.client = Objects.requireNonNull(client, "client");
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
    }

    /**
     * A publisher with its own client, credentials from the default chain (environment, profile,
     * instance or task role).
     *
     * @param endpointOverride e.g. {@code http://localhost:4568} for kinesis-local
     */
    public static KinesisRecordPublisher create(String streamName, String region, Optional<URI> endpointOverride) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.create());
        endpointOverride.ifPresent(builder::endpointOverride);
        return new KinesisRecordPublisher(builder.build(), streamName);
    }

    @Override
    public void publish(List<ContactRecord> records) throws PublishException {
        List<PutRecordsRequestEntry> entries = toEntries(records);
        long deadline = nanoTime.getAsLong() + retryPolicy.deadline().toNanos();
        for (List<PutRecordsRequestEntry> batch : PutRecordsBatches.split(entries)) {
            putWithRetries(batch, records.size(), deadline);
        }
    }

    private static List<PutRecordsRequestEntry> toEntries(List<ContactRecord> records) throws RecordTooLargeException {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (ContactRecord record : records) {
            String partitionKey = record.erid + "/" + record.recordIndex;
            byte[] data = RecordCodec.encode(record);
            long size = data.length + (long) PutRecordsBatches.utf8Length(partitionKey);
            if (size > MAX_RECORD_BYTES) {
                throw new RecordTooLargeException(record.recordIndex, size);
            }
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(partitionKey)
                    .data(SdkBytes.fromByteArrayUnsafe(data))
                    .build());
        }
        return entries;
    }

    private void putWithRetries(List<PutRecordsRequestEntry> batch, int totalRecords, long deadline) throws PublishException {
        List<PutRecordsRequestEntry> pending = batch;
        for (int attempt = 1; ; attempt++) {
            String lastError;
            try {
                PutRecordsResponse response = client.putRecords(
                        PutRecordsRequest.builder().streamName(streamName).records(pending).build());
                List<PutRecordsRequestEntry> failed = failedEntries(pending, response);
                if (failed.isEmpty()) {
                    return;
                }
                lastError = firstErrorCode(response);
                pending = failed;
            } catch (AwsServiceException | SdkClientException e) {
                if (!isRetryable(e)) {
                    throw new PublishException("PutRecords to " + streamName + " failed for " + pending.size()
                            + " of " + totalRecords + " records: " + e.getMessage(), e);
                }
                lastError = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                        ? service.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            }
            Duration delay = retryPolicy.delayBefore(attempt);
            if (attempt >= retryPolicy.maxAttempts() || nanoTime.getAsLong() + delay.toNanos() > deadline) {
                throw new PublishException(pending.size() + " of " + totalRecords + " records not stored in "
                        + streamName + " after " + attempt + " attempts; last error code: " + lastError);
            }
            LOG.debug("Retrying {} entries in {} ms after {}", pending.size(), delay.toMillis(), lastError);
            sleep(delay);
        }
    }

    private static List<PutRecordsRequestEntry> failedEntries(List<PutRecordsRequestEntry> sent, PutRecordsResponse response) {
        Integer failedCount = response.failedRecordCount();
        if (failedCount == null || failedCount == 0) {
            return List.of();
        }
        List<PutRecordsResultEntry> results = response.records();
        List<PutRecordsRequestEntry> failed = new ArrayList<>(failedCount);
        for (int i = 0; i < sent.size(); i++) {
            // Results are positional; a missing result is treated as not stored rather than assumed stored.
            if (i >= results.size() || results.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }

    private static String firstErrorCode(PutRecordsResponse response) {
        return response.records().stream()
                .filter(result -> result.errorCode() != null)
                .map(result -> result.errorCode() + " (" + result.errorMessage() + ")")
                .findFirst()
                .orElse("unknown");
    }

    private static boolean isRetryable(RuntimeException e) {
        if (e instanceof ProvisionedThroughputExceededException
                || e instanceof LimitExceededException
                || e instanceof KmsThrottlingException
                || e instanceof SdkClientException) {
            return true;
        }
        AwsServiceException service = (AwsServiceException) e;
        return service.isThrottlingException() || service.statusCode() >= 500;
    }

    private void sleep(Duration delay) throws PublishException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while retrying PutRecords to " + streamName, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
