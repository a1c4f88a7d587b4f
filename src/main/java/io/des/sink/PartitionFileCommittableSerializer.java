package io.des.sink;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
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
 *   <li>{@code tenant, requestDate, erid, …}: without field tallies. Not read any more either: an
 *       ERID counted partly from such files would be marked completed with per-field counts short
 *       of its rows, and nothing would correct them. No deployment ever held one (no installation
 *       predates field tallies); a checkpoint that does is refused with this reason.
 *   <li>{@code tenant, requestDate, erid, numberOfRecords, rowCount, field tallies (name, found,
 *       not found, failed, of), path, …}: read, its tallies without calls per provider (the files it
 *       names were written before they were counted).
 *   <li>as 3, each field tally followed by its calls per provider (count, then name and calls of
 *       each): the current format.
 * </ol>
 */
public final class PartitionFileCommittableSerializer implements SimpleVersionedSerializer<PartitionFileCommittable> {

    private static final int VERSION_1_WITHOUT_TENANT = 1;
    private static final int VERSION_2_WITHOUT_FIELD_COUNTS = 2;
    private static final int VERSION_3_WITHOUT_CALLS = 3;
    private static final int VERSION_4 = 4;

    @Override
    public int getVersion() {
        return VERSION_4;
    }

    @Override
    public byte[] serialize(PartitionFileCommittable committable) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256 + committable.commitRecoverable.length);
        out.writeUTF(committable.tenant);
        out.writeUTF(committable.requestDate);
        out.writeUTF(committable.erid);
        out.writeLong(committable.numberOfRecords);
        out.writeLong(committable.rowCount);
        out.writeInt(committable.fieldCounts.size());
        for (Map.Entry<String, FieldTally> field : committable.fieldCounts.entrySet()) {
            FieldTally tally = field.getValue();
            out.writeUTF(field.getKey());
            out.writeLong(tally.found);
            out.writeLong(tally.notFound);
            out.writeLong(tally.failed);
            out.writeLong(tally.of);
            Map<String, Long> calls = tally.calls == null ? Map.of() : tally.calls;
            out.writeInt(calls.size());
            for (Map.Entry<String, Long> provider : calls.entrySet()) {
                out.writeUTF(provider.getKey());
                out.writeLong(provider.getValue());
            }
        }
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
        if (version == VERSION_2_WITHOUT_FIELD_COUNTS) {
            throw new IOException("PartitionFileCommittable version 2 carries no field tallies: an ERID counted from "
                    + "it would be completed with per-field counts short of its rows; restore from a checkpoint "
                    + "taken by a build with field tallies");
        }
        if (version != VERSION_3_WITHOUT_CALLS && version != VERSION_4) {
            throw new IOException("Unknown PartitionFileCommittable version " + version + "; this build reads "
                    + VERSION_3_WITHOUT_CALLS + " and " + VERSION_4);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        PartitionFileCommittable committable = new PartitionFileCommittable();
        committable.tenant = in.readUTF();
        committable.requestDate = in.readUTF();
        committable.erid = in.readUTF();
        committable.numberOfRecords = in.readLong();
        committable.rowCount = in.readLong();
        committable.fieldCounts = readFieldCounts(in, version >= VERSION_4);
        committable.path = in.readUTF();
        committable.commitRecoverableVersion = in.readInt();
        committable.commitRecoverable = new byte[in.readInt()];
        in.readFully(committable.commitRecoverable);
        return committable;
    }

    private static Map<String, FieldTally> readFieldCounts(DataInputDeserializer in, boolean withCalls) throws IOException {
        int fields = in.readInt();
        Map<String, FieldTally> counts = new TreeMap<>();
        for (int i = 0; i < fields; i++) {
            String field = in.readUTF();
            FieldTally tally = new FieldTally(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            int providers = withCalls ? in.readInt() : 0;
            for (int p = 0; p < providers; p++) {
                tally.calls.put(in.readUTF(), in.readLong());
            }
            counts.put(field, tally);
        }
        return counts;
    }
}
