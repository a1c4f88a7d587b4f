package io.des.enrich;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The byte arrays of {@link CachedLookupChunks}, written as Flink's byte-array serializer writes
 * them, but never copied: Flink copies operator list state at each checkpoint's synchronous part,
 * on the task thread, and a chunk is never changed after it is encoded, so the copy is the chunk.
 */
final class ChunkBytesSerializer extends TypeSerializerSingleton<byte[]> {

    static final ChunkBytesSerializer INSTANCE = new ChunkBytesSerializer();
    private static final BytePrimitiveArraySerializer BYTES = BytePrimitiveArraySerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public byte[] createInstance() {
        return BYTES.createInstance();
    }

    @Override
    public byte[] copy(byte[] from) {
        return from;
    }

    @Override
    public byte[] copy(byte[] from, byte[] reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(byte[] record, DataOutputView target) throws IOException {
        BYTES.serialize(record, target);
    }

    @Override
    public byte[] deserialize(DataInputView source) throws IOException {
        return BYTES.deserialize(source);
    }

    @Override
    public byte[] deserialize(byte[] reuse, DataInputView source) throws IOException {
        return BYTES.deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        BYTES.copy(source, target);
    }

    @Override
    public TypeSerializerSnapshot<byte[]> snapshotConfiguration() {
        return new ChunkBytesSerializerSnapshot();
    }

    /** Read by Flink on restore; public with a no-argument constructor for that reason. */
    public static final class ChunkBytesSerializerSnapshot extends SimpleTypeSerializerSnapshot<byte[]> {
        public ChunkBytesSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
