package io.des.ingest.broker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker source in a real Flink job, across a failure and restore from a checkpoint.
 */
class BrokerSourceFailoverTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int MESSAGES = 10_000;

    private static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
    private static final AtomicBoolean CHECKPOINT_COMPLETED = new AtomicBoolean();
    private static final AtomicInteger MAPPED = new AtomicInteger();

    @TempDir
    Path brokerDir;

    @Test
    void boundedJobReadsEveryMessageDespiteAFailureAndFinishes() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 3)) {
            List<Message> messages = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                messages.add(new Message("key-" + i, ("message-" + i).getBytes(UTF_8)));
            }
            broker.append(messages);
        }
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        env.enableCheckpointing(50);

        env.fromSource(BrokerSource.bounded(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "broker")
                .uid("broker-source")
                .map(new FailOnceAfterACheckpoint())
                .sinkTo(new CollectingSink());
        env.execute("broker source failover");

        assertTrue(FAILED_ONCE.get(), "the injected failure happened, so the job recovered from a checkpoint");
        Set<String> distinct = new HashSet<>(SEEN);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            expected.add("message-" + i);
        }
        assertEquals(expected, distinct, "no message lost");
    }

    /**
     * Throws once, after a checkpoint completed and a good part of the stream went through. Until
     * then it slows down by 1 ms per message so that checkpoints get a chance to complete before the
     * bounded input is exhausted; the barrier passes between messages, so nothing deadlocks.
     */
    private static final class FailOnceAfterACheckpoint extends RichMapFunction<byte[], String> implements CheckpointListener {
        @Override
        public String map(byte[] value) throws Exception {
            int mapped = MAPPED.incrementAndGet();
            if (!FAILED_ONCE.get()) {
                if (CHECKPOINT_COMPLETED.get() && mapped > 1_000 && FAILED_ONCE.compareAndSet(false, true)) {
                    throw new IllegalStateException("injected failure after " + mapped + " messages");
                }
                Thread.sleep(1);
            }
            return new String(value, UTF_8);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINT_COMPLETED.set(true);
        }
    }

    private static final class CollectingSink implements Sink<String> {
        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<String> createWriter(InitContext context) {
            return writer();
        }

        @Override
        public SinkWriter<String> createWriter(WriterInitContext context) {
            return writer();
        }

        private static SinkWriter<String> writer() {
            return new SinkWriter<>() {
                @Override
                public void write(String element, Context context) {
                    SEEN.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
