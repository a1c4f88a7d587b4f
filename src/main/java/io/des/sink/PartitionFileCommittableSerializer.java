package io.des.sink;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Checkpoint format of {@link PartitionFileCommittable}. Committables live in the committer's
 * state between a checkpoint and its commit, so this format must stay readable across upgrades:
 * change it only by adding a version and keeping the reader of every older one.
 *
 * <p>Versions:
 *
 * <ol>
 *   <li>{@code requestDate, erid, …}: before tenancy. Not read any more, on purpose: its files lie
 *       in the layout without the {@code tenant=} level, where neither the committer's "already
 *       published" check nor the publisher would look, so a version-1 committable could only fail
 *       the job at every restart. No deployment ever held one (tenancy came before the first
 *       installation); a checkpoint that does is refused with this reason.
 *   <li>{@code tenant, requestDate, erid, …}: the current format.
 * </ol>
 */
public final class PartitionFileCommittableSerializer implements SimpleVersionedSerializer<PartitionFileCommittable> {

    private static final int VERSION_1_WITHOUT_TENANT = 1;
    private static final int VERSION_2 = 2;

    @Override
    public int getVersion() {
        return VERSION_2;
    }

    @Override
    public byte[] serialize(PartitionFileCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + committable.commitRecoverable.length);
        out.writeUTF(committable.tenant);
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
        if (version == VERSION_1_WITHOUT_TENANT) {
            throw new IOException("PartitionFileCommittable version 1 predates tenancy: its file is in the layout "
                    + "without tenant=, which this build neither commits to nor publishes from; restore from a "
                    + "checkpoint taken by a build with tenancy");
        }
        if (version != VERSION_2) {
            throw new IOException("Unknown PartitionFileCommittable version " + version + "; this build reads " + VERSION_2);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        PartitionFileCommittable committable = new PartitionFileCommittable();
        committable.tenant = in.readUTF();
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
