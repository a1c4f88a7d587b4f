package io.des.ingest.broker;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Serializes {@link BrokerPartitionSplit}s into checkpoints. Version 1: partition, offset, endOffset. */
public final class BrokerSplitSerializer implements SimpleVersionedSerializer<BrokerPartitionSplit> {

    static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BrokerPartitionSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(20);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public BrokerPartitionSplit deserialize(int version, byte[] serialized) throws IOException {
        requireKnown(version);
        return read(new DataInputDeserializer(serialized));
    }

    static void write(BrokerPartitionSplit split, DataOutputView out) throws IOException {
        out.writeInt(split.partition());
        out.writeLong(split.offset());
        out.writeLong(split.endOffset());
    }

    static BrokerPartitionSplit read(DataInputView in) throws IOException {
        return new BrokerPartitionSplit(in.readInt(), in.readLong(), in.readLong());
    }

    static void requireKnown(int version) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown broker split serializer version " + version + "; this build reads " + VERSION);
        }
    }
}
