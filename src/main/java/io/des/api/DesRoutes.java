package io.des.api;

import io.des.ingest.IngestHandler;
import io.des.model.ApiHandler;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;

/**
 * The DES route table, declared once for every edge (local mode, {@link ApiMain}, the Lambda
 * adapter). Add a route here and every edge serves it: e.g.
 * {@code .tenant("GET", "/v2/usage", usage)} or {@code .open("GET", "/openapi.json", openApi)}.
 */
public final class DesRoutes {

    private DesRoutes() {}

    public static ApiRouter.Builder of(ApiHandler ingest, ApiHandler serving, ApiHandler status) {
        return ApiRouter.builder()
                .tenant("POST", IngestHandler.PATH, ingest)
                .tenant("GET", ServingHandler.PATH, serving)
                .open("GET", StatusHandler.PATH, status);
    }
}
