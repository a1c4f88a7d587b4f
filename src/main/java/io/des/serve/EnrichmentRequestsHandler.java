package io.des.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The calling tenant's history of ERIDs, from the registry.
 *
 * <ul>
 *   <li>{@code GET /v2/enrichment_requests?status=&from=&to=&page=&page_size=}: ERIDs created on
 *       {@code from..to} (UTC dates; {@code to} defaults to today, {@code from} to {@value
 *       #DEFAULT_WINDOW_DAYS} days before), newest first, optionally only one {@code status}
 *       ({@code incomplete}, {@code completed}, {@code expired}); {@code page} from 1, {@code
 *       page_size} 1..{@value #MAX_PAGE_SIZE} [{@value #DEFAULT_PAGE_SIZE}].
 *   <li>{@code GET /v2/enrichment_requests/{erid}}: one ERID; another tenant's, or none, is 404
 *       {@code not_found} alike.
 * </ul>
 */
public final class EnrichmentRequestsHandler implements ApiHandler {

    public static final String PATH = "/v2/enrichment_requests";
    static final int DEFAULT_WINDOW_DAYS = 30;
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    private static final Map<String, EridLifecycle> STATUSES = Map.of(
            "incomplete", EridLifecycle.RECEIVING, "completed", EridLifecycle.COMPLETED, "expired", EridLifecycle.EXPIRED);

    private final EridRegistry registry;
    private final Clock clock;
    private final BiFunction<String, LocalDate, String> statusUrls;

    /** @param statusUrls erid and request date → the ERID's {@code status_url} (the ingest API's rule) */
    public EnrichmentRequestsHandler(EridRegistry registry, Clock clock, BiFunction<String, LocalDate, String> statusUrls) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.statusUrls = Objects.requireNonNull(statusUrls, "statusUrls");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (request.path().startsWith(PATH + "/")) {
            String erid = QueryParameters.validErid("erid", request.path().substring(PATH.length() + 1));
            EridEntry entry = registry.get(request.tenant(), erid).orElseThrow(() -> new ApiException(
                    ApiError.of(ErrorCode.NOT_FOUND, "no enrichment request " + erid)));
            return ApiResponse.json(200, history(entry));
        }
        QueryParameters parameters = QueryParameters.decode(request.rawQuery());
        Optional<EridLifecycle> status = status(parameters.raw("status"));
        LocalDate to = parameters.date("to", LocalDate.now(clock.withZone(ZoneOffset.UTC)));
        DateRange range = QueryParameters.range("from", parameters.date("from", to.minusDays(DEFAULT_WINDOW_DAYS)), "to", to);
        int page = parameters.integer("page", 1, 1, Integer.MAX_VALUE);
        int pageSize = parameters.integer("page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        List<EridEntry> entries = registry.list(request.tenant(), status, range.start(), range.end(), page, pageSize);
        List<HistoryEntry> data = entries.stream().map(this::history).toList();
        // The one entry after this page (a page of size 1 at that offset) tells whether there is a next page.
        boolean more = entries.size() == pageSize && (long) page * pageSize < Integer.MAX_VALUE
                && !registry.list(request.tenant(), status, range.start(), range.end(), page * pageSize + 1, 1).isEmpty();
        Long nextPage = more ? Long.valueOf(page + 1L) : null;
        return ApiResponse.json(200, new Listing(data, page, pageSize, nextPage));
    }

    private HistoryEntry history(EridEntry entry) {
        return HistoryEntry.of(entry, statusUrls.apply(entry.contract().erid(), entry.contract().requestDate()),
                registry.outbox().forErid(entry.contract().tenant(), entry.contract().erid()));
    }

    private static Optional<EridLifecycle> status(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        EridLifecycle lifecycle = STATUSES.get(raw);
        if (lifecycle == null) {
            throw QueryParameters.bad("status", "status must be one of incomplete, completed, expired");
        }
        return Optional.of(lifecycle);
    }

    @JsonPropertyOrder({"data", "page", "page_size", "next_page"})
    record Listing(@JsonProperty("data") List<HistoryEntry> data, @JsonProperty("page") int page,
            @JsonProperty("page_size") int pageSize, @JsonProperty("next_page") Long nextPage) {}
}
