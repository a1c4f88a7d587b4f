package io.des.serve;

import io.des.model.ApiError;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/enriched_data?erid=&start_date=&end_date=&page=&page_size=}: parameters as in
 * {@link EnrichedDataRequest}, rules as in {@link QueryEngine}, body as in
 * {@link EnrichedDataResponse}.
 *
 * <p>Answers: 200 with the body; 400 {@code invalid_parameter} with {@code parameter} for a bad
 * parameter; 500 {@code internal_error} when the query engine fails, logged here with its cause
 * and never shown to the client.
 */
public final class ServingHandler implements ApiHandler {

    /** The path this handler serves. */
    public static final String PATH = "/v2/enriched_data";

    private static final Logger LOG = LoggerFactory.getLogger(ServingHandler.class);

    private final QueryEngine engine;
    private final Clock clock;

    /**
     * @param engine where rows and status come from
     * @param clock supplies today's date (UTC) for the default date range
     */
    public ServingHandler(QueryEngine engine, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ApiResponse handle(ApiRequest apiRequest) {
        EnrichedDataRequest request = EnrichedDataRequest.parse(apiRequest.rawQuery(), clock);
        ResultPage result;
        try {
            result = engine.page(apiRequest.tenant(), request.erid(), request.range().start(), request.range().end(),
                    request.page(), request.pageSize());
        } catch (RuntimeException e) {
            LOG.error("Query for erid {} failed", request.erid(), e);
            return ApiError.of(ErrorCode.INTERNAL_ERROR, "the enriched data could not be read; retry later").toResponse();
        }
        return ApiResponse.json(200, EnrichedDataResponse.of(request, result));
    }
}
