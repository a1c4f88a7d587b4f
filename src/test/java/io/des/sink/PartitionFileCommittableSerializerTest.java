package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class PartitionFileCommittableSerializerTest {

    private final PartitionFileCommittableSerializer serializer = new PartitionFileCommittableSerializer();

    @Test
    void roundTripsEveryFieldWithTheFieldTallies() throws IOException {
        PartitionFileCommittable committable = new PartitionFileCommittable(
                "acme", "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", 1000, 321,
                Map.of("professional_email", new FieldTally(300, 20, 1, 321), "job_title", new FieldTally(0, 0, 5, 5)),
                "s3://bucket/enriched_data/tenant=acme/request_date=2026-11-21/erid=x_incomplete/part-1-0-0.parquet",
                7, new byte[] {9, 8, 7, 0, -1});

        byte[] bytes = serializer.serialize(committable);

        assertEquals(committable, serializer.deserialize(serializer.getVersion(), bytes));
    }

    @Test
    void roundTripsTheCallsPerProvider() throws IOException {
        FieldTally email = new FieldTally(2, 1, 0, 3);
        email.calls.putAll(Map.of("acme", 3L, "bolt", 1L));
        PartitionFileCommittable committable = new PartitionFileCommittable("acme", "2026-11-21", "e", 3, 3,
                Map.of("professional_email", email), "p", 1, new byte[] {1});

        PartitionFileCommittable read = serializer.deserialize(serializer.getVersion(), serializer.serialize(committable));

        assertEquals(Map.of("acme", 3L, "bolt", 1L), read.fieldCounts.get("professional_email").calls);
    }

    @Test
    void readsVersionThreeWrittenBeforeCallsWereCounted() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeUTF("acme");
        out.writeUTF("2026-11-21");
        out.writeUTF("e");
        out.writeLong(10);
        out.writeLong(4);
        out.writeInt(1);
        out.writeUTF("job_title");
        out.writeLong(3);
        out.writeLong(1);
        out.writeLong(0);
        out.writeLong(4);
        out.writeUTF("s3://bucket/part-1.parquet");
        out.writeInt(7);
        out.writeInt(2);
        out.write(new byte[] {5, 6});

        PartitionFileCommittable read = serializer.deserialize(3, out.getCopyOfBuffer());

        assertEquals(Map.of("job_title", new FieldTally(3, 1, 0, 4)), read.fieldCounts);
        assertTrue(read.fieldCounts.get("job_title").calls.isEmpty());
        assertEquals("s3://bucket/part-1.parquet", read.path);
        assertEquals(7, read.commitRecoverableVersion);
    }

    @Test
    void roundTripsAFileWithoutRequestedFields() throws IOException {
        PartitionFileCommittable committable = anyCommittable();

        assertEquals(committable, serializer.deserialize(serializer.getVersion(), serializer.serialize(committable)));
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        byte[] bytes = serializer.serialize(anyCommittable());

        assertThrows(IOException.class, () -> serializer.deserialize(serializer.getVersion() + 1, bytes));
    }

    @Test
    void refusesVersionOneFromBeforeTenancyNamingWhy() throws IOException {
        byte[] bytes = serializer.serialize(anyCommittable());

        IOException refused = assertThrows(IOException.class, () -> serializer.deserialize(1, bytes));
        assertTrue(refused.getMessage().contains("predates tenancy"), refused.getMessage());
    }

    @Test
    void refusesVersionTwoWithoutFieldTalliesNamingWhy() throws IOException {
        byte[] bytes = serializer.serialize(anyCommittable());

        assertEquals(4, serializer.getVersion());
        IOException refused = assertThrows(IOException.class, () -> serializer.deserialize(2, bytes));
        assertTrue(refused.getMessage().contains("no field tallies"), refused.getMessage());
    }

    private static PartitionFileCommittable anyCommittable() {
        return new PartitionFileCommittable("acme", "2026-11-21", "e", 1, 1, Map.of(), "p", 1, new byte[0]);
    }
}
