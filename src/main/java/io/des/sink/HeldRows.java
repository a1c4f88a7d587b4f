package io.des.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Sorted rows held in memory between reading and writing: no encoding, no disk. A row taken from
 * the committed file is written as it is, which saves the Avro encoding and decoding of the spill,
 * about 40 % of a compaction's work; the rows held at once are bounded by a {@link
 * HeldRowsBudget}: past it the spill waits while the writer has
 * complete ranges to write, and otherwise (the rows held all belong to ranges still incomplete)
 * fails with {@link OverBudget}, after which the compaction is done again through the disk.
 */
final class HeldRows implements SortedRows {

    /** The spill stopped because the budget holds no more rows. */
    static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget(long heldBytes) {
            super("the rows held in memory would pass the compaction budget (" + heldBytes + " bytes held)", null, false, false);
        }
    }

    /**
     * Indexes per range: small, since a range's rows stay held until the last of them is read, and
     * dividing the 10,000 that every compacted file starts at a multiple of.
     */
    static final long RANGE_ROWS = 1_000;
    private static final long RELEASE_WAIT_MILLIS = 10;

    private final RangeHandoff<List<GenericRecord>> ranges;
    private final HeldRowsBudget budget;
    private final long bytesPerRow;
    private long heldBytes;

    /** @param bytesPerRow the memory a held row is counted for */
    HeldRows(HeldRowsBudget budget, long bytesPerRow) {
        this.ranges = new RangeHandoff<>(RANGE_ROWS, range -> { });
        this.budget = budget;
        this.bytesPerRow = bytesPerRow;
    }

    /**
     * Holds the row; when the budget is spent, waits for the writer to free some as long as it has
     * complete ranges to write (reading is faster than writing), and fails when it has none.
     */
    @Override
    public void add(long recordIndex, GenericRecord row) throws IOException {
        List<GenericRecord> range = ranges.filling(recordIndex, index -> new ArrayList<>());
        while (!budget.tryTake(bytesPerRow)) {
            if (!ranges.hasCompleteRanges()) {
                throw new OverBudget(heldBytes());
            }
            awaitRelease();
        }
        synchronized (this) {
            heldBytes += bytesPerRow;
        }
        range.add(row);
    }

    private synchronized void awaitRelease() throws InterruptedIOException {
        try {
            wait(RELEASE_WAIT_MILLIS); // timed: the budget is shared, and other compactions free it unannounced
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("compaction interrupted");
        }
    }

    @Override
    public RangeHandoff<?> handoff() {
        return ranges;
    }

    @Override
    public void drain(long first, long count, RowWriter writer) throws IOException {
        long end = first + count;
        for (long low = first; low < end; ) {
            long range = ranges.rangeOf(low);
            long high = Math.min((range + 1) * RANGE_ROWS, end);
            List<GenericRecord> rows = ranges.takeWhenComplete(range);
            if (rows == null) {
                throw SortedRows.missing(low);
            }
            GenericRecord[] slots = place(rows, low, high);
            release(rows.size());
            for (GenericRecord row : slots) {
                writer.write(row);
            }
            low = high;
        }
    }

    private static GenericRecord[] place(List<GenericRecord> rows, long low, long high) {
        GenericRecord[] slots = new GenericRecord[(int) (high - low)];
        for (GenericRecord row : rows) {
            long recordIndex = (Long) row.get("record_index");
            int slot = (int) (recordIndex - low);
            if (slots[slot] != null) {
                throw SortedRows.repeated(recordIndex);
            }
            slots[slot] = row;
        }
        for (int slot = 0; slot < slots.length; slot++) {
            if (slots[slot] == null) {
                throw SortedRows.missing(low + slot);
            }
        }
        return slots;
    }

    private synchronized long heldBytes() {
        return heldBytes;
    }

    private void release(long rows) {
        budget.give(rows * bytesPerRow);
        synchronized (this) {
            heldBytes -= rows * bytesPerRow;
            notifyAll();
        }
    }

    @Override
    public void close() {
        ranges.removeAll();
        long held;
        synchronized (this) {
            held = heldBytes;
            heldBytes = 0;
        }
        budget.give(held);
    }
}
