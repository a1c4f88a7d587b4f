package io.des.api.tenant;

import java.time.LocalDate;

/** Whether an ERID a tenant sent is completed (published), as the serving side sees it. */
@FunctionalInterface
public interface EridCompletion {

    boolean isCompleted(String tenant, String erid, LocalDate requestDate);
}
