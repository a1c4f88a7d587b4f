package io.des.sink;

import io.des.model.StorageLayout;

/**
 * One file of a compacted partition: the rows {@code firstRecordIndex .. firstRecordIndex + rows -
 * 1}, sorted by {@code record_index}. Its name says its range, so a publish started again writes the
 * same names, and it starts with {@value #PREFIX}, which the sink's {@code part-…} files never do.
 *
 * @param firstRecordIndex the {@code record_index} of its first row
 * @param rows how many rows it holds, one per index of its range
 */
record CompactedFile(long firstRecordIndex, long rows) {

    static final String PREFIX = "compacted-";

    CompactedFile {
        if (firstRecordIndex < 0 || rows <= 0) {
            throw new IllegalArgumentException("not a record_index range: " + firstRecordIndex + " + " + rows);
        }
    }

    long lastRecordIndex() {
        return firstRecordIndex + rows - 1;
    }

    /** {@code compacted-<first>-<last>.parquet}, zero-padded so that name order is index order. */
    String name() {
        return String.format("%s%010d-%010d%s", PREFIX, firstRecordIndex, lastRecordIndex(), StorageLayout.PARQUET_EXTENSION);
    }

    @Override
    public String toString() {
        return name();
    }
}
