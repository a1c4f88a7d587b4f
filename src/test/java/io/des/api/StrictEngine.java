package io.des.api;

import io.des.serve.DateRange;
import io.des.serve.EnrichedDataRequest;
import io.des.serve.EridStatus;
import io.des.serve.QueryEngine;
import io.des.serve.ResultPage;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Answers "inexistent" for anything within the engine's contract, and fails loudly otherwise. */
final class StrictEngine implements QueryEngine {

    @Override
    public EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate) {
        return EridStatus.inexistent();
    }

    @Override
    public ResultPage page(String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize) {
        if (tenant == null || page < 1 || pageSize < 1 || pageSize > EnrichedDataRequest.MAX_PAGE_SIZE || startDate.isAfter(endDate)
                || ChronoUnit.DAYS.between(startDate, endDate) > DateRange.MAX_SPAN_DAYS
                || startDate.getYear() < 0 || endDate.getYear() > 9999) {
            throw new AssertionError("engine called out of contract: " + startDate + ".." + endDate + " " + page + "/" + pageSize);
        }
        return ResultPage.empty(EridStatus.inexistent());
    }

    @Override
    public void close() {}
}
