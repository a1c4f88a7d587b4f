package io.des.api.tenant;

import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import java.time.LocalDate;

/** Whether an ERID a tenant sent is settled (completed or expired), so it no longer counts as in progress. */
@FunctionalInterface
public interface EridCompletion {

    boolean isCompleted(String tenant, String erid, LocalDate requestDate);

    /** Asks the registry: one read. */
    static EridCompletion of(EridRegistry registry) {
        return (tenant, erid, requestDate) -> registry.get(tenant, erid)
                .map(entry -> entry.lifecycle() != EridLifecycle.RECEIVING).orElse(false);
    }
}
