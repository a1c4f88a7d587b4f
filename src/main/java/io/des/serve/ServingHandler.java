package io.des.serve;

import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import io.des.registry.EridEntry;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/enriched_data?erid=&start_date=&end_date=&page=&page_size=}: parameters as in
 * {@link EnrichedDataRequest}, body as in {@link EnrichedDataResponse}. Status and progress come
 * from the {@link EridRegistry} ({@code inexistent} when it has no entry for the caller's tenant
 * and erid, or the entry's request date is outside the range); only a completed ERID's rows are
 * read, from its published partition, by the {@link QueryEngine}.
 *
 * <p>Answers: 200 with the body; 400 {@code invalid_parameter} with {@code parameter} for a bad
 * parameter; 500 {@code internal_error} when the query engine fails, or finds no published partition
 * for an ERID the registry says is completed, logged here with its cause and never shown to the client.
 */
public final class ServingHandler implements ApiHandler {

    /** The path this handler serves. */
    public static final String PATH = "/v2/enriched_data";

    private static final Logger LOG = LoggerFactory.getLogger(ServingHandler.class);

    private final QueryEngine engine;
    private final EridRegistry registry;
    private final Clock clock;

    /**
     * @param engine where the rows of completed ERIDs come from
     * @param registry where every ERID's status and progress come from (one read, no query)
     * @param clock supplies today's date (UTC) for the default date range
     */
    public ServingHandler(QueryEngine engine, EridRegistry registry, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ApiResponse handle(ApiRequest apiRequest) {
        EnrichedDataRequest request = EnrichedDataRequest.parse(apiRequest.rawQuery(), clock);
        Optional<EridEntry> entry = registry.get(apiRequest.tenant(), request.erid())
                .filter(found -> request.range().contains(found.contract().requestDate()));
        if (entry.isEmpty() || entry.get().lifecycle() != EridLifecycle.COMPLETED) {
            return ApiResponse.json(200, EnrichedDataResponse.of(request, RegistryStatus.withoutRows(entry)));
        }
        LocalDate requestDate = entry.get().contract().requestDate();
        Optional<List<Map<String, Object>>> rows;
        try {
            rows = engine.page(apiRequest.tenant(), request.erid(), requestDate, request.page(), request.pageSize());
        } catch (RuntimeException e) {
            LOG.error("Query for erid {} failed", request.erid(), e);
            return ApiError.of(ErrorCode.INTERNAL_ERROR, "the enriched data could not be read; retry later").toResponse();
        }
        if (rows.isEmpty()) {
            // The registry records completion after publishing: a missing _SUCCESS means the data is not where
            // this API looks (another storage root, or removed), which an empty page would hide.
            LOG.error("Erid {} of tenant {} is completed in the registry but has no published partition of {}",
                    request.erid(), apiRequest.tenant(), requestDate);
            return ApiError.of(ErrorCode.INTERNAL_ERROR, "the enriched data could not be read; retry later").toResponse();
        }
        ResultPage result = RegistryStatus.completed(entry.get(), rows.get());
        return ApiResponse.json(200, EnrichedDataResponse.of(request, result));
    }
}
