package io.des.registry;

import io.des.model.FieldCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Registry entries for handler tests, matching what the job and the API would have recorded. */
public final class RegistryFixtures {

    private RegistryFixtures() {}

    public static EridContract contract(String tenant, String erid, long numberOfRecords, String requestDate) {
        return new EridContract(tenant, erid, numberOfRecords, List.of("phone_number", "job_title"),
                LocalDate.parse(requestDate), Instant.parse(requestDate + "T10:00:00Z"), null, null);
    }

    /** An ERID the job has published. */
    public static void completed(EridRegistry registry, String tenant, String erid, long numberOfRecords, String requestDate) {
        completed(registry, tenant, erid, numberOfRecords, requestDate, Map.of());
    }

    /** A completed ERID with the per-field counts the job recorded when it published it. */
    public static void completed(EridRegistry registry, String tenant, String erid, long numberOfRecords, String requestDate,
            Map<String, FieldCounts> fieldCounts) {
        registry.register(contract(tenant, erid, numberOfRecords, requestDate));
        registry.recordCommitted(tenant, erid, numberOfRecords);
        registry.markCompleted(tenant, erid, Instant.parse(requestDate + "T11:00:00Z"), fieldCounts);
    }

    /** An ERID with {@code committed} of its records committed so far. */
    public static void receiving(EridRegistry registry, String tenant, String erid, long numberOfRecords, String requestDate,
            long committed) {
        registry.register(contract(tenant, erid, numberOfRecords, requestDate));
        registry.recordCommitted(tenant, erid, committed);
    }
}
