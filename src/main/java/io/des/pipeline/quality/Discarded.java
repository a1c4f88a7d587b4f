package io.des.pipeline.quality;

/**
 * A row that a run did not load, and why: written to the run's discarded-rows output and counted by
 * {@link #reason}, never dropped silently. A Flink POJO.
 */
public class Discarded {

    /** Where it was discarded: {@code fetch} or {@code load}. */
    public String stage;

    /** A stable code for counting ({@code no_key}, {@code duplicate_key}, {@code cannot_convert}, …). */
    public String reason;

    /** The reason in words, naming the column and value at fault. */
    public String detail;

    /** The row's source key, when it has one. */
    public String sourceKey;

    /** The row's values by column as a JSON object, as far as they were read. */
    public String row;

    public Discarded() {}

    public Discarded(String stage, String reason, String detail, String sourceKey, String row) {
        this.stage = stage;
        this.reason = reason;
        this.detail = detail;
        this.sourceKey = sourceKey;
        this.row = row;
    }
}
