package io.des.local;

import io.des.api.ApiServer;
import io.des.api.DesRoutes;
import io.des.api.ServerLimits;
import io.des.registry.EridEntry;
import io.des.registry.ExpirySweeper;
import io.des.serve.IncompleteData;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API side of local mode: the HTTP server on the route table, and the expiry sweeper that
 * expires idle ERIDs and removes their partial data.
 */
final class LocalApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalApi.class);

    private final ApiServer server;
    private final ExpirySweeper sweeper;

    private LocalApi(ApiServer server, ExpirySweeper sweeper) {
        this.server = server;
        this.sweeper = sweeper;
    }

    static LocalApi start(LocalOptions options, DesRoutes.Parts parts, Path storage) throws Exception {
        Duration expiry = options.eridExpiry;
        IncompleteData incomplete = IncompleteData.local(storage);
        ExpirySweeper sweeper = new ExpirySweeper(parts.registry(), parts.clock(), expiry,
                entry -> afterExpiry(entry, incomplete)).start(ExpirySweeper.periodFor(expiry));
        ApiServer server = ApiServer.start(new InetSocketAddress(options.host, options.port), ServerLimits.defaults(),
                DesRoutes.router(parts));
        return new LocalApi(server, sweeper);
    }

    private static void afterExpiry(EridEntry entry, IncompleteData incomplete) {
        incomplete.remove(entry.contract().tenant(), entry.contract().erid(), entry.contract().requestDate());
        LOG.info("Removed the partial data of expired ERID {} of tenant {}", entry.contract().erid(), entry.contract().tenant());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        sweeper.close();
    }
}
