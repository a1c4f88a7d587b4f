package io.des.pipeline.fetch;

import java.util.Arrays;

/**
 * One source row as text, its values in the fetch's column order (key columns, then fields): what
 * every source (JDBC, CSV, JSON Lines, Parquet) hands to the same checks. A Flink POJO; the
 * {@code String[]} has Flink's own serializer.
 */
public class SourceRow {

    /** The values, null for SQL NULL or a missing value. */
    public String[] values;

    /** Why a value could not be read as text (e.g. binary data), or null. */
    public String problem;

    /** Where the row came from, for a discarded row's report ({@code file.csv:17}); null for a database. */
    public String origin;

    public SourceRow() {}

    public SourceRow(String[] values, String problem, String origin) {
        this.values = values;
        this.problem = problem;
        this.origin = origin;
    }

    @Override
    public String toString() {
        return "SourceRow" + Arrays.toString(values) + (problem == null ? "" : " (" + problem + ")");
    }
}
