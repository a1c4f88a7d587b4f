package io.des.pipeline.config;

/** How a run's rows reach the destination. */
public enum WriteMode {
    /** Insert or replace each row by its key (databases only). */
    UPSERT,
    /** Add the run's rows to what is there. */
    APPEND,
    /** The run's rows become the whole content. */
    REPLACE
}
