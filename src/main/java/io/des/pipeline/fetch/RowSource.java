package io.des.pipeline.fetch;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where a fetch job's rows come from: a database (over key ranges) or files; bounded either way. */
public interface RowSource {

    /** Adds the source to {@code env}, its rows in {@link ContactShape#columns()} order. */
    DataStream<SourceRow> rows(StreamExecutionEnvironment env);
}
