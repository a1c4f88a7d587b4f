package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBucketsTest {

    private static final int BUCKET_ROWS = 10;

    @TempDir
    Path tmp;

    private static void add(IndexBuckets buckets, long recordIndex) throws IOException {
        byte[] row = ("row" + recordIndex).getBytes(StandardCharsets.UTF_8);
        buckets.add(recordIndex, row, row.length);
    }

    private static List<String> drain(IndexBuckets buckets, long first, long count) throws IOException {
        List<String> rows = new ArrayList<>();
        buckets.drain(first, count, (data, offset, length) -> rows.add(new String(data, offset, length, StandardCharsets.UTF_8)));
        return rows;
    }

    private static List<String> rows(long first, long count) {
        List<String> rows = new ArrayList<>();
        for (long i = first; i < first + count; i++) {
            rows.add("row" + i);
        }
        return rows;
    }

    @Test
    void aRangeTheSpillHasCompletedIsDrainedInIndexOrderBeforeTheRestArrives() throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, BUCKET_ROWS, 1024)) {
            for (long i = 9; i >= 0; i--) {
                add(buckets, i);
            }
            add(buckets, 15); // the next range has begun
            buckets.handoff().completeBelow(12); // a file starting at 12 is next: 0..9 is complete, 10..19 is not

            assertEquals(rows(0, 10), drain(buckets, 0, 10));
        }
    }

    @Test
    void theWriterWaitsForARangeUntilTheSpillCompletesIt() throws Exception {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, BUCKET_ROWS, 1024)) {
            CompletableFuture<List<String>> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return drain(buckets, 0, 20);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            for (long i = 0; i < 20; i++) {
                add(buckets, i);
            }
            buckets.handoff().completeBelow(10);
            Thread.sleep(200);
            assertTrue(!drained.isDone(), "10..19 is not complete yet");

            buckets.handoff().completeAll();

            assertEquals(rows(0, 20), drained.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRowOfARangeAlreadyCompleteMeansTheStatisticsLiedAndFails() throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, BUCKET_ROWS, 1024)) {
            add(buckets, 3);
            buckets.handoff().completeBelow(10);

            IllegalStateException late = assertThrows(IllegalStateException.class, () -> add(buckets, 4));

            assertTrue(late.getMessage().contains("record_index 4 came after its index range was complete"), late.getMessage());
        }
    }

    @Test
    void whatStoppedTheSpillIsThrownToTheWriter() throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, BUCKET_ROWS, 1024)) {
            for (long i = 0; i < 10; i++) {
                add(buckets, i);
            }
            buckets.handoff().completeBelow(10);
            IOException cause = new IOException("the committed file could not be read");

            buckets.handoff().fail(cause);

            assertSame(cause, assertThrows(IOException.class, () -> drain(buckets, 0, 20)));
            assertSame(cause, assertThrows(IOException.class, buckets.handoff()::throwIfSpillFailed));
        }
    }

    @Test
    void aCompleteRangeWithoutOneOfItsIndexesFailsAsMissing() throws IOException {
        try (IndexBuckets buckets = IndexBuckets.create(tmp, BUCKET_ROWS, 1024)) {
            for (long i = 0; i < 10; i++) {
                if (i != 6) {
                    add(buckets, i);
                }
            }
            buckets.handoff().completeAll();

            IllegalStateException missing = assertThrows(IllegalStateException.class, () -> drain(buckets, 0, 10));

            assertTrue(missing.getMessage().contains("record_index 6 is missing"), missing.getMessage());
        }
    }
}
