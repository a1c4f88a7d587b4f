package io.des.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.des.model.FieldCounts;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of {@code GET /v2/enriched_data}.
 *
 * <p>Pagination: a completed ERID of {@code n} records has {@code max(1, ceil(n / page_size))}
 * pages and {@code next_page} is null on the last page and past it; an ERID that is not completed
 * has no data, 0 pages and no next page. {@code progress} tells how far an ERID is.
 *
 * @param erid the requested ERID (canonical form)
 * @param status {@code inexistent}, {@code incomplete} or {@code completed}
 * @param data the page's rows (see {@link EnrichedRowShaper})
 * @param page the page returned
 * @param pageSize the page size used
 * @param numberOfPages pages in the whole result
 * @param nextPage the page to ask for next, or null when there is none
 * @param progress records committed so far and the total
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"erid", "status", "data", "page", "page_size", "number_of_pages", "next_page", "progress"})
public record EnrichedDataResponse(
        @JsonProperty("erid") String erid,
        @JsonProperty("status") String status,
        @JsonProperty("data") List<Map<String, Object>> data,
        @JsonProperty("page") int page,
        @JsonProperty("page_size") int pageSize,
        @JsonProperty("number_of_pages") long numberOfPages,
        @JsonProperty("next_page") Long nextPage,
        @JsonProperty("progress") Progress progress) {

    /**
     * @param recordsCommitted records durably written so far
     * @param numberOfRecords the ERID's total, null while unknown
     * @param recordsWaiting of an ERID in progress, the records the job holds and has not committed
     *     yet (see {@link EridStatus#recordsWaiting}); left out otherwise
     * @param fields per requested field of a completed ERID, e.g. {@code professional_email:
     *     {found: 98, not_found: 1, failed: 1, of: 100}}; left out when empty
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"records_committed", "number_of_records", "records_waiting", "fields"})
    public record Progress(
            @JsonProperty("records_committed") long recordsCommitted,
            @JsonProperty("number_of_records") Long numberOfRecords,
            @JsonProperty("records_waiting") @JsonInclude(JsonInclude.Include.NON_NULL) Long recordsWaiting,
            @JsonProperty("fields") @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, FieldCounts> fields) {

        /** Progress without waiting records or per-field counts. */
        public Progress(long recordsCommitted, Long numberOfRecords) {
            this(recordsCommitted, numberOfRecords, null, Map.of());
        }
    }

    /** Builds the response for a request and the page the engine returned. */
    public static EnrichedDataResponse of(EnrichedDataRequest request, ResultPage result) {
        EridStatus status = result.status();
        long numberOfPages = status.isCompleted()
                ? Math.max(1, ceilDiv(status.recordsCommitted(), request.pageSize()))
                : 0;
        Long nextPage = request.page() < numberOfPages ? Long.valueOf(request.page() + 1L) : null;
        return new EnrichedDataResponse(
                request.erid(),
                status.state().wireName(),
                result.rows(),
                request.page(),
                request.pageSize(),
                numberOfPages,
                nextPage,
                new Progress(status.recordsCommitted(), status.numberOfRecords(), status.recordsWaiting(),
                        new TreeMap<>(result.fieldCounts())));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
