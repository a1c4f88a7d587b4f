package io.des.api;

import io.des.api.tenant.TenantResolver;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiHandler;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one route table of the API and the dispatch every edge shares (the Jetty server and the API
 * Gateway Lambda adapter): method plus exact path to a handler, each route open or tenant-only.
 *
 * <ul>
 *   <li>Unknown path: {@code 404 not_found}; known path, other method: {@code 405
 *       method_not_allowed} with {@code Allow}.
 *   <li>A tenant-only route resolves the tenant once, through the {@link TenantResolver}, and hands
 *       the handler {@code request.withTenant(id)}; the resolver's refusal (401, 429) is the answer.
 *   <li>An {@link ApiException} anywhere below is answered with its error; any other
 *       RuntimeException with {@code 500 internal_error}, logged here with the request id, its
 *       text never shown to the client.
 *   <li>Every answer carries {@code X-Request-Id}, and the request's log lines carry it in the MDC
 *       ({@value RequestIds#MDC_KEY}) while the handler runs.
 *   <li>Observed by {@link ApiMetrics} (when built with them), every answer is counted under its
 *       route's template, never the path sent.
 * </ul>
 */
public final class ApiRouter implements ApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private final Map<String, Map<String, Route>> routesByPath;
    private final TenantResolver tenants;
    private final ApiMetrics metrics;

    private ApiRouter(Map<String, Map<String, Route>> routesByPath, TenantResolver tenants, ApiMetrics metrics) {
        this.routesByPath = routesByPath;
        this.tenants = tenants;
        this.metrics = metrics;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @param request with its {@code requestId} already chosen by the edge ({@link RequestIds}) */
    @Override
    public ApiResponse handle(ApiRequest request) {
        MDC.put(RequestIds.MDC_KEY, request.requestId());
        long start = System.nanoTime();
        String route = routeOf(request.path());
        try {
            ApiResponse answer = dispatch(request, route);
            if (metrics != null) {
                metrics.observe(request.method(), routesByPath.containsKey(route) ? route : ApiMetrics.UNMATCHED_ROUTE,
                        answer.status(), System.nanoTime() - start);
            }
            return answer.withHeader(RequestIds.HEADER, request.requestId());
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    /** The route table: path → method → whether the route acts for a tenant (needs a key). */
    public Map<String, Map<String, Boolean>> routes() {
        Map<String, Map<String, Boolean>> table = new TreeMap<>();
        routesByPath.forEach((path, byMethod) -> {
            Map<String, Boolean> methods = new TreeMap<>();
            byMethod.forEach((method, route) -> methods.put(method, route.tenantOnly));
            table.put(path, Collections.unmodifiableMap(methods));
        });
        return Collections.unmodifiableMap(table);
    }

    private ApiResponse dispatch(ApiRequest request, String declaredPath) {
        Map<String, Route> byMethod = routesByPath.get(declaredPath);
        if (byMethod == null) {
            return ApiError.of(ErrorCode.NOT_FOUND, "no such endpoint; endpoints: " + String.join(", ", routesByPath.keySet()))
                    .toResponse();
        }
        Route route = byMethod.get(request.method());
        if (route == null) {
            String allowed = String.join(", ", byMethod.keySet());
            return ApiError.of(ErrorCode.METHOD_NOT_ALLOWED, "method not allowed here; use " + allowed)
                    .withHeader("Allow", allowed)
                    .toResponse();
        }
        try {
            return route.handler.handle(route.tenantOnly ? request.withTenant(tenants.resolve(request)) : request);
        } catch (ApiException e) {
            return e.error().toResponse();
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure answering {} {} (request {})", request.method(), request.path(), request.requestId(), e);
            return ApiError.of(ErrorCode.INTERNAL_ERROR, "internal error; quote the X-Request-Id of this answer when reporting it")
                    .toResponse();
        }
    }

    /**
     * The declared path a request path falls under: itself, or a template whose last segment is a
     * parameter ({@code /v2/enrichment_requests/{erid}} for {@code /v2/enrichment_requests/3c3f…}).
     * The handler reads the parameter from the path and validates it.
     */
    private String routeOf(String path) {
        if (routesByPath.containsKey(path)) {
            return path;
        }
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash <= 0 || lastSlash == path.length() - 1) {
            return path;
        }
        String parent = path.substring(0, lastSlash + 1);
        for (String declared : routesByPath.keySet()) {
            if (declared.endsWith("}") && declared.startsWith(parent) && declared.indexOf('/', parent.length()) < 0
                    && declared.charAt(parent.length()) == '{') {
                return declared;
            }
        }
        return path;
    }

    private record Route(ApiHandler handler, boolean tenantOnly) {}

    /** Collects routes; a method and path may be declared once. */
    public static final class Builder {

        private final Map<String, Map<String, Route>> routes = new TreeMap<>();
        private ApiMetrics metrics;

        private Builder() {}

        /** Counts every answer, by route template and status, in {@code metrics}. */
        public Builder observedBy(ApiMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** A route anyone may call, without resolving a tenant ({@code GET /status}, {@code GET /openapi.json}). */
        public Builder open(String method, String path, ApiHandler handler) {
            return add(method, path, new Route(Objects.requireNonNull(handler, "handler"), false));
        }

        /** A route that acts for a tenant: the handler sees {@link ApiRequest#tenant()} set. */
        public Builder tenant(String method, String path, ApiHandler handler) {
            return add(method, path, new Route(Objects.requireNonNull(handler, "handler"), true));
        }

        private Builder add(String method, String path, Route route) {
            Map<String, Route> byMethod = routes.computeIfAbsent(path, p -> new TreeMap<>());
            if (byMethod.putIfAbsent(method, route) != null) {
                throw new IllegalArgumentException(method + " " + path + " is declared twice");
            }
            return this;
        }

        public ApiRouter build(TenantResolver tenants) {
            // Sorted, so Allow and the 404's list of endpoints read the same on every run.
            Map<String, Map<String, Route>> copy = new TreeMap<>();
            routes.forEach((path, byMethod) -> copy.put(path, Collections.unmodifiableMap(new TreeMap<>(byMethod))));
            return new ApiRouter(Collections.unmodifiableMap(copy), Objects.requireNonNull(tenants, "tenants"), metrics);
        }
    }
}
