package io.des.bench;

import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Counts the records that reach it and drops them. The count is a JVM-wide static because the job
 * runs in a MiniCluster inside the benchmark's own JVM, where the harness reads it.
 */
final class CountingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final LongAdder RECEIVED = new LongAdder();

    /** Records received by every instance since the JVM started. */
    static long received() {
        return RECEIVED.sum();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new Writer<>();
    }

    @Override
    @Deprecated
    public SinkWriter<T> createWriter(InitContext context) {
        return new Writer<>();
    }

    private static final class Writer<T> implements SinkWriter<T> {
        @Override
        public void write(T element, Context context) {
            RECEIVED.increment();
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {}
    }
}
