package io.des.it;

import com.sun.net.httpserver.HttpServer;
import io.des.notify.WebhookSecret;
import io.des.notify.WebhookVerificationException;
import io.des.notify.WebhookVerifier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on loopback that answers 204 and keeps each delivery's body and headers. */
public final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received. */
    public record Delivery(byte[] body, Map<String, String> headers) {

        /** Checks the Standard Webhooks signature with {@code secret}. */
        public void verify(WebhookSecret secret) throws WebhookVerificationException {
            new WebhookVerifier(List.of(secret)).verify(body, headers);
        }

        public String id() {
            return headers.get("webhook-id");
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** @param port 0 for any free one */
    public static WebhookReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            receiver.received.add(new Delivery(body, Map.of(
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature"))));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next delivery, or null after {@code timeout}. */
    public Delivery next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
