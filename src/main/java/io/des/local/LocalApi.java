package io.des.local;

import io.des.api.ApiMetrics;
import io.des.api.ApiServer;
import io.des.api.DesRoutes;
import io.des.api.LifecycleWork;
import io.des.api.ServerLimits;
import io.des.notify.CallbackUrlPolicy;
import io.des.serve.IncompleteData;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The API side of local mode: the HTTP server on the route table with {@code GET /metrics}, and the {@link LifecycleWork}. */
final class LocalApi implements AutoCloseable {

    /** Local mode sends webhooks to loopback and over http: receivers under test run on this machine. */
    static final CallbackUrlPolicy CALLBACK_URLS = CallbackUrlPolicy.localMode();

    private final ApiServer server;
    private final LifecycleWork work;

    private LocalApi(ApiServer server, LifecycleWork work) {
        this.server = server;
        this.work = work;
    }

    /**
     * @param metricsToken the bearer token {@code GET /metrics} asks for ({@code DES_METRICS_TOKEN});
     *     empty: open, as the rest of local mode without a tenants file
     */
    static LocalApi start(LocalOptions options, DesRoutes.Parts parts, IncompleteData incomplete, Optional<String> metricsToken)
            throws Exception {
        ApiMetrics metrics = new ApiMetrics();
        LifecycleWork work = LifecycleWork.start(parts, incomplete, options.eridExpiry.window(), CALLBACK_URLS,
                options.webhookDeadline, metrics);
        ApiServer server = ApiServer.start(new InetSocketAddress(options.host, options.port), ServerLimits.defaults(),
                DesRoutes.observedRouter(parts, metrics, metricsToken));
        return new LocalApi(server, work);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        work.close();
    }
}
