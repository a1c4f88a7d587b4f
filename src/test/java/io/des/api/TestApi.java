package io.des.api;

import io.des.api.tenant.SingleTenantResolver;
import io.des.model.ApiResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link ApiServer} on loopback with small test routes: {@code GET /status}, {@code POST
 * /echo} (answers the body's size), {@code GET /big} (a large answer), and {@code GET /hold},
 * which holds its worker until {@link #release()} (or for a fixed time, see {@link #holdingFor}).
 */
final class TestApi implements AutoCloseable {

    /** Released by the test; each {@code /hold} request counts {@link #entered} down first. */
    final CountDownLatch released = new CountDownLatch(1);
    final CountDownLatch entered;
    final ApiServer server;

    private TestApi(ServerLimits limits, Duration holdFor) throws Exception {
        entered = new CountDownLatch(1);
        ApiRouter router = ApiRouter.builder()
                .open("GET", "/status", request -> ApiResponse.json(200, Map.of("status", "ok")))
                .open("POST", "/echo", request -> ApiResponse.json(202, Map.of("bytes", request.body().length)))
                .open("GET", "/big", request -> ApiResponse.json(200, bigAnswer()))
                .open("GET", "/hold", request -> hold(holdFor))
                .build(SingleTenantResolver.defaultTenant());
        server = ApiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, router);
    }

    static TestApi start(ServerLimits limits) throws Exception {
        return new TestApi(limits, null);
    }

    /** Each {@code /hold} request sleeps {@code holdFor} instead of waiting for {@link #release()}. */
    static TestApi holdingFor(ServerLimits limits, Duration holdFor) throws Exception {
        return new TestApi(limits, holdFor);
    }

    /** Short timeouts, so that tests about them take a second, not a minute. */
    static ServerLimits shortLimits() {
        return ServerLimits.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    int port() {
        return server.port();
    }

    void release() {
        released.countDown();
    }

    RawHttp connect() throws Exception {
        return RawHttp.connect(port(), Duration.ofSeconds(10));
    }

    /** A GET on a new connection. */
    RawHttp.Answer get(String target, String... headers) throws Exception {
        try (RawHttp http = connect()) {
            return http.send(RawHttp.get(target, headers)).read();
        }
    }

    private ApiResponse hold(Duration holdFor) {
        entered.countDown();
        try {
            if (holdFor != null) {
                Thread.sleep(holdFor.toMillis());
            } else if (!released.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released /hold");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ApiResponse.json(200, Map.of("held", true));
    }

    private static List<Map<String, Object>> bigAnswer() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(Map.of("record_index", i, "professional_email", "first" + i + ".last@example.com"));
        }
        return rows;
    }

    @Override
    public void close() {
        release();
        server.close();
    }
}
