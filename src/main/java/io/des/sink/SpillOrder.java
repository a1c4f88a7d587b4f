package io.des.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * The order in which the compaction reads an ERID's committed files: by the lowest {@code
 * record_index} each holds, from the footer's statistics. Records mostly reach the sink in index
 * order, so each file holds a narrow range; read in this order, every index range below the next
 * file's lowest index is complete once the files before it are read, and can be written while the
 * rest is still being read ({@link IndexBuckets#completeBelow}).
 *
 * <p>A file whose footer has no {@code record_index} statistics counts as holding every index from
 * 0, which puts it first: the order then stays correct, only less of the work overlaps.
 */
final class SpillOrder {

    /**
     * A committed file, the range of indexes it may hold and its row count.
     *
     * @param lowestIndex 0 when the footer does not say, {@link Long#MAX_VALUE} for a file without rows
     * @param highestIndex {@link Long#MAX_VALUE} when the footer does not say
     */
    record Source(Path path, long lowestIndex, long highestIndex, long rows) {}

    private SpillOrder() {}

    /** {@code sources} sorted by the lowest index each holds (one footer read per file). */
    static List<Source> of(FileSystem fs, List<Path> sources) throws IOException {
        List<Source> ordered = new ArrayList<>(sources.size());
        for (Path path : sources) {
            ordered.add(read(fs, path));
        }
        ordered.sort(Comparator.comparingLong(Source::lowestIndex));
        return ordered;
    }

    /**
     * About the most rows that are read but not yet in a complete range of {@code rangeRows}
     * indexes, reading {@code ordered} in order, if each file's rows spread evenly over its range:
     * what holding the rows in memory until their range is complete costs.
     */
    static long heldRowsEstimate(List<Source> ordered, long rangeRows) {
        List<Source> incomplete = new ArrayList<>();
        long completeBelow = 0;
        long peak = 0;
        for (int next = 0; next < ordered.size(); next++) {
            incomplete.add(ordered.get(next));
            double held = 0;
            for (Source source : incomplete) {
                held += source.rows() * shareFrom(source, completeBelow);
            }
            peak = Math.max(peak, (long) Math.ceil(held));
            if (next + 1 < ordered.size()) {
                completeBelow = Math.max(completeBelow, ordered.get(next + 1).lowestIndex() / rangeRows * rangeRows);
                long below = completeBelow;
                incomplete.removeIf(source -> source.highestIndex() < below);
            }
        }
        return peak;
    }

    /** The share of the source's range at or above {@code index}. */
    private static double shareFrom(Source source, long index) {
        if (source.highestIndex() == Long.MAX_VALUE || index <= source.lowestIndex()) {
            return 1;
        }
        if (index > source.highestIndex()) {
            return 0;
        }
        return (double) (source.highestIndex() - index + 1) / (source.highestIndex() - source.lowestIndex() + 1);
    }

    private static Source read(FileSystem fs, Path path) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(FlinkInputFile.of(fs, path))) {
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            long rows = 0;
            boolean described = true;
            for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
                if (rowGroup.getRowCount() == 0) {
                    continue;
                }
                rows += rowGroup.getRowCount();
                Statistics<?> statistics = CompactedParquet.recordIndexStatistics(rowGroup);
                if (statistics != null && statistics.hasNonNullValue()
                        && statistics.genericGetMin() instanceof Long min && statistics.genericGetMax() instanceof Long max) {
                    lowest = Math.min(lowest, min);
                    highest = Math.max(highest, max);
                } else {
                    described = false;
                }
            }
            if (rows == 0) {
                return new Source(path, Long.MAX_VALUE, Long.MAX_VALUE, 0);
            }
            return described ? new Source(path, lowest, highest, rows) : new Source(path, 0, Long.MAX_VALUE, rows);
        }
    }
}
