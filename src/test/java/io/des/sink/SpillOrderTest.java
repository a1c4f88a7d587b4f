package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillOrderTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @TempDir
    Path dir;

    private org.apache.flink.core.fs.Path committed(long... indexes) throws Exception {
        CommittedFile file = CommittedParquetFiles.write(dir, "acme", ERID, 100_000, indexes);
        return new org.apache.flink.core.fs.Path(dir.resolve(file.fileName).toUri());
    }

    private static SpillOrder.Source source(long lowest, long highest, long rows) {
        return new SpillOrder.Source(new org.apache.flink.core.fs.Path("/committed-" + lowest), lowest, highest, rows);
    }

    @Test
    void filesAreReadInTheOrderOfTheLowestIndexTheirFootersRecord() throws Exception {
        org.apache.flink.core.fs.Path late = committed(LongStream.range(500, 700).toArray());
        org.apache.flink.core.fs.Path early = committed(120, 7, 300, 45); // unsorted inside: only the range counts
        org.apache.flink.core.fs.Path middle = committed(LongStream.range(301, 499).toArray());

        List<SpillOrder.Source> order = SpillOrder.of(FileSystem.getLocalFileSystem(), List.of(late, early, middle));

        assertEquals(List.of(new SpillOrder.Source(early, 7, 300, 4), new SpillOrder.Source(middle, 301, 498, 198),
                new SpillOrder.Source(late, 500, 699, 200)), order);
    }

    @Test
    void filesOfSuccessiveRangesHoldAboutOneFileAtOnce() {
        List<SpillOrder.Source> successive = List.of(
                source(0, 9_999, 10_000), source(10_000, 19_999, 10_000), source(20_000, 29_999, 10_000));

        assertEquals(10_000, SpillOrder.heldRowsEstimate(successive, 1_000));
    }

    @Test
    void twoWritersFilesOfOneCheckpointOverlapAndAreHeldTogether() {
        // As two subtasks write them: each checkpoint's two files share a range, the next begins above it.
        List<SpillOrder.Source> pairs = List.of(
                source(0, 19_999, 10_000), source(1, 19_998, 10_000),
                source(20_000, 39_999, 10_000), source(20_001, 39_998, 10_000));

        assertEquals(20_000, SpillOrder.heldRowsEstimate(pairs, 1_000));
    }

    @Test
    void filesEachSpreadOverTheWholeEridAreHeldEntirely() {
        List<SpillOrder.Source> shuffled = List.of(
                source(0, 29_999, 10_000), source(2, 29_998, 10_000), source(5, 29_997, 10_000));

        assertEquals(30_000, SpillOrder.heldRowsEstimate(shuffled, 1_000));
    }
}
