package io.des.sink;

import java.util.ArrayList;
import java.util.List;

/**
 * How an ERID of {@code N} records is compacted: into contiguous {@code record_index} ranges, one
 * file unless the committed files together pass the size bound, and, for the spill, into index
 * buckets that never straddle two files.
 *
 * <p>The plan depends only on the request ({@code N}) and the committed files' sizes, which never
 * change, so a publish started again after a failure plans the same files under the same names and
 * keeps those already written.
 *
 * @param files the compacted files, in index order, covering {@code 0..N-1}
 * @param bucketRows indexes per spill bucket; every file's first index is a multiple of it
 */
record CompactionPlan(List<CompactedFile> files, long bucketRows) {

    /**
     * Buckets are multiples of the largest row group (see {@link CompactedParquet}), and there are at
     * most {@link #MAX_BUCKETS} of them, so the spill's write buffers stay small: 1,000,000 records
     * are 100 buckets of 10,000, the 10,000,000 that an ERID may hold 125 of 80,000.
     */
    static final long BUCKET_ALIGNMENT = CompactedParquet.MAX_ROWS_PER_ROW_GROUP;
    static final int MAX_BUCKETS = 128;

    CompactionPlan {
        files = List.copyOf(files);
    }

    /**
     * @param numberOfRecords the ERID's {@code N}
     * @param sourceBytes the committed files' total size: the sink writes them uncompressed, so the
     *     compacted files, which are compressed, stay below {@code maxFileBytes}
     * @param maxFileBytes the size past which the rows are split over several files
     */
    static CompactionPlan of(long numberOfRecords, long sourceBytes, long maxFileBytes) {
        if (numberOfRecords < 0 || sourceBytes < 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("cannot plan " + numberOfRecords + " records in " + sourceBytes
                    + " bytes with files of at most " + maxFileBytes + " bytes");
        }
        long bucketRows = roundUp(Math.max(BUCKET_ALIGNMENT, ceilDiv(numberOfRecords, MAX_BUCKETS)), BUCKET_ALIGNMENT);
        long fileCount = Math.max(1, ceilDiv(sourceBytes, maxFileBytes));
        long rowsPerFile = roundUp(Math.max(1, ceilDiv(numberOfRecords, fileCount)), bucketRows);
        List<CompactedFile> files = new ArrayList<>();
        for (long first = 0; first < numberOfRecords; first += rowsPerFile) {
            files.add(new CompactedFile(first, Math.min(rowsPerFile, numberOfRecords - first)));
        }
        return new CompactionPlan(files, bucketRows);
    }

    /** The file whose range holds {@code recordIndex}. */
    CompactedFile fileOf(long recordIndex) {
        CompactedFile first = files.get(0);
        int position = (int) (recordIndex / first.rows());
        return files.get(position);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    private static long roundUp(long value, long multiple) {
        return ceilDiv(value, multiple) * multiple;
    }
}
