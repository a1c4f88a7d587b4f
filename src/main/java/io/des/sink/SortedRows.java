package io.des.sink;

import java.io.Closeable;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;

/**
 * The rows of one compaction on their way from the committed files, in any order, to the compacted
 * files, in {@code record_index} order. The spill thread adds rows and says which index ranges are
 * complete; the writer thread drains each range as soon as it is ({@link RangeHandoff}).
 */
interface SortedRows extends Closeable {

    /** Writes one row of a compacted file. */
    interface RowWriter {
        void write(GenericRecord row) throws IOException;
    }

    /** The spill: one row of the ERID. */
    void add(long recordIndex, GenericRecord row) throws IOException;

    /** Where the spill hands complete ranges to the writer. */
    RangeHandoff<?> handoff();

    /** The spill: no row with an index below {@code recordIndex} is still to come. */
    default void completeBelow(long recordIndex) throws IOException {
        handoff().completeBelow(recordIndex);
    }

    /** The spill: every row has been added. */
    default void completeAll() throws IOException {
        handoff().completeAll();
    }

    /** The spill: it stopped with {@code cause}, which the writer's {@link #drain} throws. */
    default void fail(Throwable cause) {
        handoff().fail(cause);
    }

    /** Throws what stopped the spill, if it failed. */
    default void throwIfSpillFailed() throws IOException {
        handoff().throwIfSpillFailed();
    }

    /**
     * The writer: hands the rows of {@code first .. first + count - 1} to {@code writer} in index
     * order, each range as soon as it is complete. {@code first} must start a range.
     *
     * @throws IllegalStateException if an index of the range is missing or there more than once
     */
    void drain(long first, long count, RowWriter writer) throws IOException;

    static IllegalStateException missing(long recordIndex) {
        return new IllegalStateException("record_index " + recordIndex + " is missing from the committed files");
    }

    static IllegalStateException repeated(long recordIndex) {
        return new IllegalStateException("record_index " + recordIndex + " is there more than once");
    }
}
