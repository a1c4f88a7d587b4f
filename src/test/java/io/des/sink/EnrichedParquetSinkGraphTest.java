package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.EnrichedRecordTypeInfo;
import io.des.registry.RegistryConnector;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The post-commit topology's operators keep their uids, with or without a registry. */
class EnrichedParquetSinkGraphTest {

    private static final Set<String> POST_COMMIT_UIDS = Set.of("partition-committed-files", "partition-progress",
            "partition-publish", "partition-publish-discard", "registry-progress");

    @Test
    void everyPostCommitOperatorHasItsStableUidWhateverTheRegistry() {
        for (RegistryConnector registry : new RegistryConnector[] {RegistryConnector.none(), () -> null}) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.enableCheckpointing(1_000);
            env.fromData(EnrichedRecordTypeInfo.TYPE, new io.des.model.EnrichedRecord())
                    .sinkTo(new EnrichedParquetSink("file:///tmp/des-graph-test", PartitionCatalog.none(), Duration.ofHours(1),
                            registry))
                    .uid(EnrichedParquetSink.UID);

            Set<String> uids = env.getStreamGraph().getStreamNodes().stream()
                    .map(StreamNode::getTransformationUID)
                    .collect(Collectors.toSet());

            // Flink prefixes the uids set inside a sink's topology with the sink's own.
            Set<String> expected = POST_COMMIT_UIDS.stream()
                    .map(uid -> EnrichedParquetSink.UID + ": " + uid)
                    .collect(Collectors.toSet());
            assertTrue(uids.containsAll(expected), "uids: " + uids);
        }
    }
}
