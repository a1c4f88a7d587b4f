package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.des.model.EnrichedAvroSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class HeldRowsTest {

    private static final long ROW_BYTES = 100;

    private static GenericRecord row(long recordIndex) {
        GenericRecord row = new GenericData.Record(EnrichedAvroSchema.SCHEMA);
        row.put("record_index", recordIndex);
        return row;
    }

    private static List<Long> drain(HeldRows rows, long first, long count) throws Exception {
        List<Long> indexes = new ArrayList<>();
        rows.drain(first, count, row -> indexes.add((Long) row.get("record_index")));
        return indexes;
    }

    @Test
    void rowsComeOutInIndexOrderAndTheBudgetIsGivenBackAsTheyAreWritten() throws Exception {
        HeldRowsBudget budget = new HeldRowsBudget(10_000 * ROW_BYTES);
        try (HeldRows rows = new HeldRows(budget, ROW_BYTES)) {
            for (long i = 1_999; i >= 0; i--) {
                rows.add(i, row(i));
            }
            assertEquals(2_000 * ROW_BYTES, budget.taken());
            rows.completeAll();

            assertEquals(java.util.stream.LongStream.range(0, 2_000).boxed().toList(), drain(rows, 0, 2_000));
            assertEquals(0, budget.taken());
        }
    }

    @Test
    void withTheBudgetSpentAndOnlyIncompleteRangesHeldTheSpillGivesUp() throws Exception {
        HeldRowsBudget budget = new HeldRowsBudget(500 * ROW_BYTES);
        try (HeldRows rows = new HeldRows(budget, ROW_BYTES)) {
            for (long i = 0; i < 500; i++) {
                rows.add(i, row(i));
            }

            assertThrows(HeldRows.OverBudget.class, () -> rows.add(500, row(500)));
        }
        assertEquals(0, budget.taken(), "closing gives back what was held");
    }

    @Test
    void withTheBudgetSpentTheSpillWaitsForTheWriterToWriteACompleteRange() throws Exception {
        HeldRowsBudget budget = new HeldRowsBudget(1_000 * ROW_BYTES);
        try (HeldRows rows = new HeldRows(budget, ROW_BYTES)) {
            for (long i = 0; i < 1_000; i++) {
                rows.add(i, row(i));
            }
            rows.completeBelow(1_000);
            CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
                try {
                    rows.add(1_000, row(1_000));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            assertFalse(next.isDone(), "no memory until the writer has taken 0..999");

            assertEquals(1_000, drain(rows, 0, 1_000).size());

            next.get(10, TimeUnit.SECONDS);
            assertEquals(ROW_BYTES, budget.taken());
        }
    }

    @Test
    void aRepeatedIndexAndAMissingOneFailLoudly() throws Exception {
        HeldRowsBudget budget = new HeldRowsBudget(10_000 * ROW_BYTES);
        try (HeldRows repeated = new HeldRows(budget, ROW_BYTES); HeldRows missing = new HeldRows(budget, ROW_BYTES)) {
            for (long i = 0; i < 10; i++) {
                repeated.add(i, row(i));
                if (i != 4) {
                    missing.add(i, row(i));
                }
            }
            repeated.add(3, row(3));
            repeated.completeAll();
            missing.completeAll();

            assertEquals("record_index 3 is there more than once",
                    assertThrows(IllegalStateException.class, () -> drain(repeated, 0, 10)).getMessage());
            assertEquals("record_index 4 is missing from the committed files",
                    assertThrows(IllegalStateException.class, () -> drain(missing, 0, 10)).getMessage());
        }
        assertEquals(0, budget.taken());
    }
}
