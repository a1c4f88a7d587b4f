package io.des.notify;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 for tests: answers with the scripted statuses in order (the last
 * one again once the script runs out), or never ({@link #HANG}) until closed, and keeps every request.
 * A 3xx points to {@code /hook/redirected}, which this receiver would also record.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A scripted "status" that never answers. */
    static final int HANG = -1;

    /** One request as received. */
    record Received(Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Deque<Integer> script;
    private final CountDownLatch released = new CountDownLatch(1);
    final List<Received> requests = new CopyOnWriteArrayList<>();

    WebhookReceiver(Integer... statuses) throws IOException {
        script = new ArrayDeque<>(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                requests.add(new Received(exchange.getRequestHeaders(), body.readAllBytes()));
            }
            int status = next();
            if (status == HANG) {
                awaitRelease();
            } else {
                if (status >= 300 && status <= 399) {
                    exchange.getResponseHeaders().add("Location", "/hook/redirected");
                }
                exchange.sendResponseHeaders(status, -1);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private synchronized int next() {
        return script.size() > 1 ? script.removeFirst() : script.getFirst();
    }

    private void awaitRelease() {
        try {
            released.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets every hanging request end, without an answer. */
    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
