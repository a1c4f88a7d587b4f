package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class PartitionFileCommittableSerializerTest {

    private final PartitionFileCommittableSerializer serializer = new PartitionFileCommittableSerializer();

    @Test
    void roundTripsEveryField() throws IOException {
        PartitionFileCommittable committable = new PartitionFileCommittable(
                "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", 1000, 321,
                "s3://bucket/enriched_data/request_date=2026-11-21/erid=x_incomplete/part-1-0-0.parquet",
                7, new byte[] {9, 8, 7, 0, -1});

        byte[] bytes = serializer.serialize(committable);

        assertEquals(committable, serializer.deserialize(serializer.getVersion(), bytes));
    }

    @Test
    void rejectsUnknownVersion() throws IOException {
        PartitionFileCommittable committable =
                new PartitionFileCommittable("2026-11-21", "e", 1, 1, "p", 1, new byte[0]);
        byte[] bytes = serializer.serialize(committable);

        assertThrows(IOException.class, () -> serializer.deserialize(serializer.getVersion() + 1, bytes));
    }
}
