package io.des.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Adds the job's source of raw broker messages to the environment: Kinesis in AWS, the embedded
 * broker locally, a finite list in tests. Implementations give the source a stable uid.
 */
@FunctionalInterface
public interface RecordSource {
    DataStream<byte[]> addTo(StreamExecutionEnvironment env);
}
