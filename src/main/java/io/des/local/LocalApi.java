package io.des.local;

import io.des.api.ApiServer;
import io.des.api.DesRoutes;
import io.des.api.LifecycleWork;
import io.des.api.ServerLimits;
import io.des.notify.CallbackUrlPolicy;
import io.des.serve.IncompleteData;
import java.net.InetSocketAddress;

/** The API side of local mode: the HTTP server on the route table, and the {@link LifecycleWork}. */
final class LocalApi implements AutoCloseable {

    /** Local mode sends webhooks to loopback and over http: receivers under test run on this machine. */
    static final CallbackUrlPolicy CALLBACK_URLS = CallbackUrlPolicy.localMode();

    private final ApiServer server;
    private final LifecycleWork work;

    private LocalApi(ApiServer server, LifecycleWork work) {
        this.server = server;
        this.work = work;
    }

    static LocalApi start(LocalOptions options, DesRoutes.Parts parts, IncompleteData incomplete) throws Exception {
        LifecycleWork work = LifecycleWork.start(parts, incomplete, options.eridExpiry.window(), CALLBACK_URLS,
                options.webhookDeadline);
        ApiServer server = ApiServer.start(new InetSocketAddress(options.host, options.port), ServerLimits.defaults(),
                DesRoutes.router(parts));
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
