package io.des.api.tenant;

import io.des.serve.QueryEngine;
import java.time.LocalDate;

/** Whether an ERID a tenant sent is completed (published), as the serving side sees it. */
@FunctionalInterface
public interface EridCompletion {

    boolean isCompleted(String tenant, String erid, LocalDate requestDate);

    /** Asks the query engine for the ERID's status on its request date. */
    static EridCompletion of(QueryEngine engine) {
        return (tenant, erid, requestDate) -> engine.status(tenant, erid, requestDate, requestDate).isCompleted();
    }
}
