package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompactionPlanTest {

    private static final long MB = 1024 * 1024;

    @Test
    void anEridBelowTheSizeBoundIsOneFile() {
        CompactionPlan plan = CompactionPlan.of(1_000_000, 300 * MB, 512 * MB);

        assertEquals(List.of(new CompactedFile(0, 1_000_000)), plan.files());
        assertEquals(10_000, plan.bucketRows(), "100 buckets of one row group each");
    }

    @Test
    void pastTheBoundTheRangesSplitEvenlyAtBucketBoundaries() {
        CompactionPlan plan = CompactionPlan.of(10_000_000, 1_100 * MB, 512 * MB);

        assertEquals(80_000, plan.bucketRows(), "at most 128 buckets");
        assertEquals(List.of(new CompactedFile(0, 3_360_000), new CompactedFile(3_360_000, 3_360_000),
                new CompactedFile(6_720_000, 3_280_000)), plan.files());
        assertEquals(plan.files().get(1), plan.fileOf(6_719_999));
        assertEquals(plan.files().get(2), plan.fileOf(6_720_000));
    }

    @Test
    void aSmallEridIsOneFileWhateverItsSize() {
        assertEquals(List.of(new CompactedFile(0, 3)), CompactionPlan.of(3, 10 * MB, 1).files());
    }

    @Test
    void theSameRequestAlwaysPlansTheSameFiles() {
        assertEquals(CompactionPlan.of(2_345_678, 900 * MB, 512 * MB), CompactionPlan.of(2_345_678, 900 * MB, 512 * MB));
    }
}
