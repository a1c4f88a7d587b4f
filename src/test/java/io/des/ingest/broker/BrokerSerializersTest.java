package io.des.ingest.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerSerializersTest {

    @Test
    void splitSerializerRoundTripsOffsets() throws Exception {
        BrokerSplitSerializer serializer = new BrokerSplitSerializer();
        for (BrokerPartitionSplit split : List.of(
                new BrokerPartitionSplit(0, 0, BrokerPartitionSplit.NO_END),
                new BrokerPartitionSplit(7, 123_456_789_012L, BrokerPartitionSplit.NO_END),
                new BrokerPartitionSplit(3, 4096, 8192))) {
            BrokerPartitionSplit restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
            assertEquals(split, restored);
            assertEquals(split.splitId(), restored.splitId());
        }
    }

    @Test
    void enumeratorStateSerializerRoundTripsUnassignedSplits() throws Exception {
        BrokerEnumeratorStateSerializer serializer = new BrokerEnumeratorStateSerializer();
        BrokerEnumeratorState state = new BrokerEnumeratorState(List.of(
                new BrokerPartitionSplit(1, 10, 20), new BrokerPartitionSplit(4, 0, BrokerPartitionSplit.NO_END)));

        assertEquals(state, serializer.deserialize(serializer.getVersion(), serializer.serialize(state)));
        assertEquals(new BrokerEnumeratorState(List.of()),
                serializer.deserialize(serializer.getVersion(), serializer.serialize(new BrokerEnumeratorState(List.of()))));
    }

    @Test
    void unknownSerializerVersionIsRefused() throws Exception {
        BrokerSplitSerializer serializer = new BrokerSplitSerializer();
        byte[] bytes = serializer.serialize(new BrokerPartitionSplit(0, 1, 2));

        assertThrows(IOException.class, () -> serializer.deserialize(serializer.getVersion() + 1, bytes));
    }
}
