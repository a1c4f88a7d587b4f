package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.api.tenant.SingleTenantResolver;
import io.des.api.tenant.TenantEdge;
import io.des.ingest.IngestAdmission;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.RecordPublisher;
import io.des.model.ContactRecord;
import io.des.registry.InMemoryEridRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The edge's HTTP behaviour on a real server over loopback. */
class ApiServerTest {

    private static final String CHUNK = "{\"erid\":\"3c3f4b80-f728-4d7c-8567-1bc01df5f0a1\","
            + "\"contact_list\":[{\"email\":\"a@example.com\"}],\"fields_to_be_enriched\":[\"phone_number\"],"
            + "\"number_of_records\":1}";

    @Test
    void inFlightPostCompletesWith202WhileTheServerStops() throws Exception {
        CountDownLatch publishing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        RecordPublisher slowPublisher = new RecordPublisher() {
            @Override
            public void publish(List<ContactRecord> records) {
                publishing.countDown();
                try {
                    mayFinish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {}
        };
        ApiRouter router = DesRoutes.router(new DesRoutes.Parts(slowPublisher, new StrictEngine(), new InMemoryEridRegistry(),
                TenantEdge.open(Clock.systemUTC(), null), url -> Optional.empty(), () -> true, Clock.systemUTC()));
        ApiServer server = ApiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TestApi.shortLimits(), router);
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            client.send(RawHttp.postHead("/v2/enriched_data", CHUNK.length()) + CHUNK);
            assertTrue(publishing.await(5, TimeUnit.SECONDS));

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            Thread.sleep(200);
            assertFalse(stopping.isDone(), "stopping waits for the accepted POST");
            mayFinish.countDown();

            RawHttp.Answer answer = client.read();
            assertEquals(202, answer.status());
            assertEquals(1, answer.json().get("accepted_records").asInt());
            stopping.get(10, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits()); RawHttp client = api.connect()) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Answer answer = client.send(RawHttp.get("/status")).read();
                assertEquals(200, answer.status());
                assertNull(answer.header("connection"));
            }
        }
    }

    @Test
    void largeGetAnswersAreGzippedForClientsThatAcceptItAndSmallOnesAreNot() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits())) {
            RawHttp.Answer big = api.get("/big", "Accept-Encoding: gzip");
            RawHttp.Answer small = api.get("/status", "Accept-Encoding: gzip");
            RawHttp.Answer plain = api.get("/big");

            assertEquals("gzip", big.header("content-encoding"));
            byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(big.body())).readAllBytes();
            assertEquals(2_000, new ObjectMapper().readTree(inflated).size());
            assertTrue(big.body().length < plain.body().length / 3, "compressed");
            assertNull(small.header("content-encoding"));
            assertNull(plain.header("content-encoding"));
        }
    }

    @Test
    void malformedHttpIsA400ApiError() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits())) {
            for (String request : List.of("GARBAGE\r\n\r\n", "GET /st%zzatus HTTP/1.1\r\nHost: x\r\n\r\n",
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")) {
                try (RawHttp client = api.connect()) {
                    RawHttp.Answer answer = client.send(request).read();

                    assertEquals(400, answer.status(), request);
                    assertEquals("bad_request", answer.code(), request);
                }
            }
            assertEquals(200, api.get("/status").status());
        }
    }

    @Test
    void unknownRouteOverHttpIsA404ApiError() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits())) {
            RawHttp.Answer answer = api.get("/nowhere");

            assertEquals(404, answer.status());
            assertEquals("not_found", answer.code());
        }
    }

    @Test
    void saneRequestIdIsEchoedAndAnyOtherReplaced() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits())) {
            assertEquals("client-id.1", api.get("/status", "X-Request-Id: client-id.1").header("x-request-id"));
            assertEquals("client-id.2", api.get("/nowhere", "X-Request-Id: client-id.2").header("x-request-id"));

            String replaced = api.get("/status", "X-Request-Id: not sane!").header("x-request-id");
            assertTrue(replaced.matches("[0-9a-f-]{36}"), replaced);
            assertTrue(api.get("/status").header("x-request-id").matches("[0-9a-f-]{36}"));
        }
    }

    @Test
    void handlerSlowerThanTheBodyIdleTimeoutStillAnswers() throws Exception {
        // shortLimits: body idle 500 ms; the handler works for longer without a byte on the wire.
        try (TestApi api = TestApi.holdingFor(TestApi.shortLimits(), Duration.ofMillis(1_200))) {
            assertEquals(200, api.get("/hold").status());
        }
    }

    @Test
    void requestsAfterStopAreRefused() throws Exception {
        TestApi api = TestApi.start(TestApi.shortLimits());
        int port = api.port();
        api.close();

        assertRefused(port);
    }

    private static void assertRefused(int port) {
        try (RawHttp client = RawHttp.connect(port, Duration.ofSeconds(2))) {
            client.send(RawHttp.get("/status"));
            assertTrue(client.closedByServer());
        } catch (IOException connectionRefused) {
            // the port is closed: refused
        }
    }
}
