package io.des.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/** Splits entries into PutRecords calls within Kinesis's per-call limits. */
final class PutRecordsBatches {

    /** Kinesis PutRecords: at most 500 entries per call. */
    static final int MAX_ENTRIES = 500;

    /** Kinesis PutRecords: at most 5 MiB per call, counting data and partition keys. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    private PutRecordsBatches() {}

    /** Size Kinesis charges for an entry: its data plus its UTF-8 partition key. */
    static long sizeOf(PutRecordsRequestEntry entry) {
        return entry.data().asByteArrayUnsafe().length + utf8Length(entry.partitionKey());
    }

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Consecutive batches, in order; assumes every entry is within the per-record limit. */
    static List<List<PutRecordsRequestEntry>> split(List<PutRecordsRequestEntry> entries) {
        List<List<PutRecordsRequestEntry>> batches = new ArrayList<>();
        List<PutRecordsRequestEntry> current = new ArrayList<>();
        long currentBytes = 0;
        for (PutRecordsRequestEntry entry : entries) {
            long size = sizeOf(entry);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || currentBytes + size > MAX_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(entry);
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
