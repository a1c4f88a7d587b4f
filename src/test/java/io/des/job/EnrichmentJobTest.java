package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.sink.S3Connection;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrichmentJobTest {

    /** Savepoints restore only into the same key groups: the graph must not derive them from the parallelism. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 100})
    void everyOperatorHasTheSameMaxParallelismWhateverTheParallelism(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
        JobWiring.jobFor(JobWiringTest.localBrokerConfig(), S3Connection.standard()).build(env);

        JobGraph graph = env.getStreamGraph().getJobGraph();
        for (JobVertex vertex : graph.getVertices()) {
            assertEquals(EnrichmentJob.MAX_PARALLELISM, vertex.getMaxParallelism(), vertex.getName());
        }
    }
}
