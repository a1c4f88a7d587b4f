package io.des.pipeline.config;

/**
 * Which rows a run reads: all ({@link LoadMode#FULL}), or those whose {@code (cursor, tieBreaker)}
 * lies after the last committed watermark ({@link LoadMode#INCREMENTAL}).
 *
 * @param cursor a column that grows whenever a row is written (e.g. {@code updated_at}); null for full
 * @param tieBreaker a unique column ordering the rows that share a cursor value; null for full
 */
public record LoadSpec(LoadMode mode, String cursor, String tieBreaker) {

    public static final LoadSpec FULL = new LoadSpec(LoadMode.FULL, null, null);

    public boolean incremental() {
        return mode == LoadMode.INCREMENTAL;
    }
}
