package io.des.api;

import io.des.model.ApiHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge of the DES API on Jetty 12 (core handlers, no servlets): one port for
 * {@code POST /v2/enriched_data}, {@code GET /v2/enriched_data} and {@code GET /status}, whatever
 * the {@link ApiRouter} holds. Local mode runs it next to the job; in AWS {@link ApiMain} runs it
 * behind a load balancer (or {@link ApiGatewayLambda} replaces it behind API Gateway).
 *
 * <p>Jetty's I/O threads only read, parse and write; endpoint handlers run on a separate bounded
 * pool. Limits and timeouts: {@link ServerLimits}. Handlers in order: graceful shutdown tracking →
 * gzip (GET answers from {@code gzipMinBytes}) → {@link EdgeHandler}; Jetty's own refusals go
 * through {@link JsonErrorHandler}.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Jetty's I/O threads: the acceptor, the selector and the short reading and writing tasks. */
    private static final int IO_THREADS = 16;

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;

    private ApiServer(Server server, ServerConnector connector, ThreadPoolExecutor workers) {
        this.server = server;
        this.connector = connector;
        this.workers = workers;
    }

    /**
     * Turns Nagle's algorithm off in the JDK HTTP server, which the sandbox providers of local mode
     * and the benchmark still use; with it on, every answer waited ~40 ms for a delayed ACK
     * (measured, docs/benchmarks.md). Read once when the JDK's server configuration loads, so a
     * process calls this before creating its first {@code com.sun.net.httpserver.HttpServer}. Jetty
     * sets {@code TCP_NODELAY} itself.
     */
    public static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Starts serving {@code router} on {@code address} (port 0 picks a free port). */
    public static ApiServer start(InetSocketAddress address, ServerLimits limits, ApiHandler router) throws Exception {
        // Bounded: a burst past maxConnections × a few tasks each is refused, not queued without end.
        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 4, 60_000, -1,
                new BlockingArrayQueue<>(1024, 1024, 4 * limits.maxConnections() + 1024), null);
        io.setName("des-api-io");
        io.setDaemon(true);
        Server server = new Server(io);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setIdleTimeout(limits.bodyIdleTimeout().toMillis()); // while a request is in progress
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostString());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.headerTimeout().toMillis()); // while no request is in progress
        ConnectionCap cap = new ConnectionCap(limits.maxConnections());
        connector.addEventListener(cap);
        server.addConnector(connector);

        ThreadPoolExecutor workers = workerPool(limits);
        GzipHandler gzip = new GzipHandler(new EdgeHandler(router, limits, cap, workers));
        gzip.setMinGzipSize(limits.gzipMinBytes());
        gzip.setIncludedMethods("GET"); // request bodies are never inflated (Jetty's default): no gzip bombs
        server.setHandler(new GracefulHandler(gzip));
        server.setErrorHandler(new JsonErrorHandler());
        // Stopping first refuses new requests, then waits this long for accepted ones to finish.
        server.setStopTimeout(limits.stopTimeout().toMillis());
        try {
            server.start();
        } catch (Exception e) {
            workers.shutdownNow();
            server.stop();
            throw e;
        }
        return new ApiServer(server, connector, workers);
    }

    private static ThreadPoolExecutor workerPool(ServerLimits limits) {
        BlockingQueue<Runnable> queue = limits.maxQueuedRequests() == 0
                ? new SynchronousQueue<>()
                : new ArrayBlockingQueue<>(limits.maxQueuedRequests());
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(limits.workers(), limits.workers(), 60, TimeUnit.SECONDS, queue,
                runnable -> {
                    Thread thread = new Thread(runnable, "des-api-worker-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        workers.allowCoreThreadTimeOut(true);
        return workers;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Stops gracefully: new connections and requests are refused ({@code 503 overloaded}), accepted
     * requests get up to {@link ServerLimits#stopTimeout} to finish and answer, then connections
     * close and the workers stop.
     */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("API server did not stop cleanly", e);
        } finally {
            workers.shutdownNow();
        }
    }
}
