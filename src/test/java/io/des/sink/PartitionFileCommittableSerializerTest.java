package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
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

        assertEquals(3, serializer.getVersion());
        IOException refused = assertThrows(IOException.class, () -> serializer.deserialize(2, bytes));
        assertTrue(refused.getMessage().contains("no field tallies"), refused.getMessage());
    }

    private static PartitionFileCommittable anyCommittable() {
        return new PartitionFileCommittable("acme", "2026-11-21", "e", 1, 1, Map.of(), "p", 1, new byte[0]);
    }
}
