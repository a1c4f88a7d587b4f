package io.des.api;

import io.des.api.tenant.TenantEdge;
import io.des.api.tenant.UsageHandler;
import io.des.ingest.CallbackUrlCheck;
import io.des.ingest.ContractGate;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.RecordPublisher;
import io.des.registry.EridRegistry;
import io.des.serve.EnrichmentRequestsHandler;
import io.des.serve.QueryEngine;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The DES route table, declared once for every edge (local mode, {@link ApiMain}, the Lambda
 * adapter); {@code docs/openapi.yaml} describes the same routes and {@code OpenApiConformanceTest}
 * keeps the two equal.
 */
public final class DesRoutes {

    private DesRoutes() {}

    /**
     * What the handlers are built from.
     *
     * @param publisher where accepted records go (Kinesis, the embedded broker)
     * @param engine where completed ERIDs' rows are read
     * @param registry every ERID's contract, status and history
     * @param tenants who calls, and their limits
     * @param callbackUrls which webhook URLs are accepted
     * @param ready whether the service is ready ({@code GET /status})
     * @param clock the API's clock (request dates, expiry, default ranges)
     */
    public record Parts(RecordPublisher publisher, QueryEngine engine, EridRegistry registry, TenantEdge tenants,
            CallbackUrlCheck callbackUrls, BooleanSupplier ready, Clock clock) {}

    /** The routes; add test-only routes to the builder, then {@code build(parts.tenants().resolver())}. */
    public static ApiRouter.Builder routes(Parts parts) {
        IngestHandler ingest = new IngestHandler(parts.publisher(), IngestLimits.defaults(), parts.tenants().admission(),
                new ContractGate(parts.registry(), parts.clock(), parts.callbackUrls(), parts.tenants()::defaultCallbackUrl));
        EnrichmentRequestsHandler history = new EnrichmentRequestsHandler(parts.registry(), parts.clock(), IngestHandler::statusUrl);
        return ApiRouter.builder()
                .tenant("POST", IngestHandler.PATH, ingest)
                .tenant("GET", ServingHandler.PATH, new ServingHandler(parts.engine(), parts.registry(), parts.clock()))
                .tenant("GET", EnrichmentRequestsHandler.PATH, history)
                .tenant("GET", EnrichmentRequestsHandler.PATH + "/{erid}", history)
                .tenant("GET", UsageHandler.PATH, parts.tenants().usage())
                .open("GET", StatusHandler.PATH, new StatusHandler(parts.ready()))
                .open("GET", OpenApiHandler.PATH, new OpenApiHandler());
    }

    /** The routes behind the tenants' resolver. */
    public static ApiRouter router(Parts parts) {
        return routes(parts).build(parts.tenants().resolver());
    }

    /**
     * The routes of a long-running server (local mode, {@link ApiMain}), observed by {@code metrics}
     * and with {@code GET /metrics}; see {@link MetricsHandler} for the token. The Lambda adapter
     * has neither: its instances freeze between requests, and API Gateway counts its requests.
     */
    public static ApiRouter observedRouter(Parts parts, ApiMetrics metrics, Optional<String> metricsToken) {
        return routes(parts)
                .open("GET", MetricsHandler.PATH, new MetricsHandler(metrics, metricsToken))
                .observedBy(metrics)
                .build(parts.tenants().resolver());
    }
}
