package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class JobWiringTest {

    @Test
    void aLocalRunCheckpointsToFilesNextToTheData() {
        JobConfig config = localBrokerConfig();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);

        JobWiring.configureLocalRunIfNeeded(env, config);

        assertTrue(env.getCheckpointConfig().isCheckpointingEnabled());
        assertTrue(env.getCheckpointConfig().getCheckpointStorage() instanceof FileSystemCheckpointStorage,
                "checkpoint storage: " + env.getCheckpointConfig().getCheckpointStorage());
        assertEquals("file:/tmp/des-data/_checkpoints",
                ((FileSystemCheckpointStorage) env.getCheckpointConfig().getCheckpointStorage()).getCheckpointPath().toString());
    }

    /** A local run's configuration: the embedded broker, storage under /tmp, one provider endpoint. */
    static JobConfig localBrokerConfig() {
        Properties source = new Properties();
        source.setProperty("type", "broker");
        source.setProperty("broker.dir", "/tmp/broker");
        Properties sink = new Properties();
        sink.setProperty("root.uri", "file:///tmp/des-data");
        Properties enrich = new Properties();
        enrich.setProperty("provider.endpoint", "http://localhost:8089/v1/lookup");
        return JobConfig.from(Map.of(JobConfig.SOURCE_GROUP, source, JobConfig.SINK_GROUP, sink,
                JobConfig.ENRICH_GROUP, enrich));
    }
}
