package io.des.pipeline.config;

/** Which source rows a run reads. */
public enum LoadMode {
    /** Every row. */
    FULL,
    /** Rows after the last committed watermark, up to the high-water mark taken when the run starts. */
    INCREMENTAL
}
