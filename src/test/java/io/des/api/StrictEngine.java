package io.des.api;

import io.des.serve.EnrichedDataRequest;
import io.des.serve.QueryEngine;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Answers an empty page for anything within the engine's contract, and fails loudly otherwise. */
final class StrictEngine implements QueryEngine {

    @Override
    public Optional<List<Map<String, Object>>> page(String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
        if (tenant == null || requestDate == null || page < 1 || pageSize < 1 || pageSize > EnrichedDataRequest.MAX_PAGE_SIZE
                || requestDate.getYear() < 0 || requestDate.getYear() > 9999) {
            throw new AssertionError("engine called out of contract: " + requestDate + " " + page + "/" + pageSize);
        }
        return Optional.of(List.of());
    }

    @Override
    public void close() {}
}
