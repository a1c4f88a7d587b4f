package io.des.pipeline.load;

import java.util.Arrays;

/** One enriched row on its way to the destination: its values as text, in {@link OutputShape#columns()} order. A Flink POJO. */
public class OutputRow {

    /** The row's index in the run's ERID: the staging table's key, so a replayed batch replaces itself. */
    public long recordIndex;

    public String sourceKey;

    /** Null for NULL. */
    public String[] values;

    public OutputRow() {}

    public OutputRow(long recordIndex, String sourceKey, String[] values) {
        this.recordIndex = recordIndex;
        this.sourceKey = sourceKey;
        this.values = values;
    }

    @Override
    public String toString() {
        return "OutputRow{" + recordIndex + ", " + sourceKey + ", " + Arrays.toString(values) + "}";
    }
}
