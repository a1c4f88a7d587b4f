package io.des.sink;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Checkpoint format of {@link PartitionFileCommittable}. Committables live in the committer's
 * state between a checkpoint and its commit, so this format must stay readable across upgrades:
 * change it only by adding a version and keeping the reader of every older one.
 */
public final class PartitionFileCommittableSerializer implements SimpleVersionedSerializer<PartitionFileCommittable> {

    private static final int VERSION_1 = 1;

    @Override
    public int getVersion() {
        return VERSION_1;
    }

    @Override
    public byte[] serialize(PartitionFileCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + committable.commitRecoverable.length);
        out.writeUTF(committable.requestDate);
        out.writeUTF(committable.erid);
        out.writeLong(committable.numberOfRecords);
        out.writeLong(committable.rowCount);
        out.writeUTF(committable.path);
        out.writeInt(committable.commitRecoverableVersion);
        out.writeInt(committable.commitRecoverable.length);
        out.write(committable.commitRecoverable);
        return out.getCopyOfBuffer();
    }

    @Override
    public PartitionFileCommittable deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION_1) {
            throw new IOException("Unknown PartitionFileCommittable version " + version + "; this build reads " + VERSION_1);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        PartitionFileCommittable committable = new PartitionFileCommittable();
        committable.requestDate = in.readUTF();
        committable.erid = in.readUTF();
        committable.numberOfRecords = in.readLong();
        committable.rowCount = in.readLong();
        committable.path = in.readUTF();
        committable.commitRecoverableVersion = in.readInt();
        committable.commitRecoverable = new byte[in.readInt()];
        in.readFully(committable.commitRecoverable);
        return committable;
    }
}
