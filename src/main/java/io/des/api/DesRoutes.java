package io.des.api;

import io.des.api.tenant.UsageHandler;
import io.des.ingest.IngestHandler;
import io.des.model.ApiHandler;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;

/**
 * The DES route table, declared once for every edge (local mode, {@link ApiMain}, the Lambda
 * adapter); {@code docs/openapi.yaml} describes the same routes and {@code OpenApiConformanceTest}
 * keeps the two equal. Build it with the edge's {@link io.des.api.tenant.TenantResolver}.
 */
public final class DesRoutes {

    private DesRoutes() {}

    public static ApiRouter.Builder of(ApiHandler ingest, ApiHandler serving, ApiHandler status, UsageHandler usage) {
        return ApiRouter.builder()
                .tenant("POST", IngestHandler.PATH, ingest)
                .tenant("GET", ServingHandler.PATH, serving)
                .tenant("GET", UsageHandler.PATH, usage)
                .open("GET", StatusHandler.PATH, status)
                .open("GET", OpenApiHandler.PATH, new OpenApiHandler());
    }
}
