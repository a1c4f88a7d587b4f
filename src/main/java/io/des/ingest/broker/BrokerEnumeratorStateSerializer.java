package io.des.ingest.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serializes {@link BrokerEnumeratorState}. Version 1: split count, then the splits as {@link BrokerSplitSerializer} v1. */
public final class BrokerEnumeratorStateSerializer implements SimpleVersionedSerializer<BrokerEnumeratorState> {

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BrokerEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4 + 20 * state.unassignedSplits().size());
        out.writeInt(state.unassignedSplits().size());
        for (BrokerPartitionSplit split : state.unassignedSplits()) {
            BrokerSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public BrokerEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown broker enumerator state version " + version + "; this build reads " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int count = in.readInt();
        List<BrokerPartitionSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(BrokerSplitSerializer.read(in));
        }
        return new BrokerEnumeratorState(splits);
    }
}
