package io.des.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.des.model.TenantIds;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v2/enriched_data?erid=&start_date=&end_date=&page=&page_size=} on the JDK HTTP
 * server: parameters as in {@link EnrichedDataRequest}, rules as in {@link QueryEngine}, body as in
 * {@link EnrichedDataResponse}.
 *
 * <p>Answers: 200 with the body; 400 {@code {"error", "parameter"}} for a bad parameter; 404 for
 * another path below the context; 405 for a method other than GET; 500 {@code {"error"}} when the
 * query engine fails, logged here with its cause and never shown to the client.
 */
public final class ServingHandler implements HttpHandler {

    /** The path this handler serves; register it as the server context. */
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
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!JsonExchanges.requireGet(exchange) || !JsonExchanges.requirePath(exchange, PATH)) {
                return;
            }
            EnrichedDataRequest request;
            try {
                request = EnrichedDataRequest.parse(exchange.getRequestURI().getRawQuery(), clock);
            } catch (BadParameterException e) {
                JsonExchanges.sendError(exchange, 400, e.getMessage(), e.parameter());
                return;
            }
            ResultPage result;
            try {
                // the front door passes the caller's tenant
                result = engine.page(TenantIds.DEFAULT, request.erid(), request.range().start(), request.range().end(),
                        request.page(), request.pageSize());
            } catch (RuntimeException e) {
                LOG.error("Query for erid {} failed", request.erid(), e);
                JsonExchanges.sendError(exchange, 500, "the enriched data could not be read; retry later", null);
                return;
            }
            JsonExchanges.send(exchange, 200, EnrichedDataResponse.of(request, result));
        }
    }
}
