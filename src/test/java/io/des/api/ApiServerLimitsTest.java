package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The edge's limits against misbehaving clients, on a real server over loopback: every refusal is
 * a JSON API error with a request id, never a hang, and the service answers normally afterwards.
 */
class ApiServerLimitsTest {

    private static final int MB = 1024 * 1024;

    @Test
    void clientWritingItsWholeOversizedBodyBeforeReadingGets413Json() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withBodies(MB, 64L * MB, 16L * MB));
                RawHttp client = api.connect()) {
            int size = 60 * MB;
            client.send(RawHttp.postHead("/echo", size));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (int written = 0; written < size; written += chunk.length) {
                client.send(chunk); // everything first: blocks unless the server keeps reading
            }

            RawHttp.Answer answer = client.read();

            assertEquals(413, answer.status());
            assertEquals("body_too_large", answer.code());
            assertEquals(202, postEcho(api, "{}").status(), "the service answers normally afterwards");
        }
    }

    @Test
    void oversizedChunkedBodyGets413() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withBodies(1024, 64L * MB, 16L * MB));
                RawHttp client = api.connect()) {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            String piece = "y".repeat(1000);
            for (int i = 0; i < 5; i++) {
                client.send(Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
            }
            client.send("0\r\n\r\n");

            RawHttp.Answer answer = client.read();

            assertEquals(413, answer.status());
            assertEquals("body_too_large", answer.code());
        }
    }

    @Test
    void bodyDeclaredLargerThanTheDrainBoundIsRefusedWithoutWaitingForIt() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withBodies(MB, 2L * MB, 16L * MB));
                RawHttp client = api.connect()) {
            RawHttp.Answer answer = client.send(RawHttp.postHead("/echo", 1024L * MB)).read();

            assertEquals(413, answer.status());
            assertEquals("body_too_large", answer.code());
            assertEquals("close", answer.header("connection"));
        }
    }

    @Test
    void bodiesPastTheMemoryBudgetAre503OverloadedUntilItIsGivenBack() throws Exception {
        ServerLimits limits = TestApi.shortLimits().withBodies(1024, 64L * MB, 1500)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (TestApi api = TestApi.start(limits); RawHttp holder = api.connect()) {
            String body = "{\"a\":\"" + "z".repeat(1000) + "\"}"; // 1,008 bytes
            holder.send(RawHttp.postHead("/echo", body.length()) + body.substring(0, 1000));
            Thread.sleep(300); // the server has read (and holds) the first 1,000 bytes

            RawHttp.Answer refused = postEcho(api, body);

            assertEquals(503, refused.status());
            assertEquals("overloaded", refused.code());
            assertEquals(202, holder.send(body.substring(1000)).read().status());
            assertEquals(202, postEcho(api, body).status(), "the held bytes were given back");
        }
    }

    @Test
    void megabyteOfHeadersGets431Json() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits()); RawHttp client = api.connect()) {
            Thread writer = new Thread(() -> {
                try {
                    client.send(RawHttp.get("/status", "X-Big: " + "h".repeat(MB)));
                } catch (IOException e) {
                    // the server may close once it has answered; what matters is the answer
                }
            });
            writer.start();

            RawHttp.Answer answer = client.read();

            assertEquals(431, answer.status());
            assertEquals("headers_too_large", answer.code());
            writer.join(10_000);
            assertEquals(200, api.get("/status").status());
        }
    }

    @Test
    void slowBodyIsCutAfterTheBodyIdleTimeoutWithoutHoldingAWorker() throws Exception {
        // One worker: if waiting for a body held it, /status could not be answered meanwhile.
        ServerLimits limits = TestApi.shortLimits().withWorkers(1, 0, Duration.ofSeconds(1));
        try (TestApi api = TestApi.start(limits)) {
            List<RawHttp> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(api.connect().send(RawHttp.postHead("/echo", 100)));
            }
            List<Thread> tricklers = new ArrayList<>();
            for (RawHttp client : slow) {
                tricklers.add(trickle(client));
            }

            assertEquals(200, api.get("/status").status(), "a worker is free while bodies trickle in");
            long start = System.nanoTime();
            for (RawHttp client : slow) {
                assertCutOff(client);
                client.close();
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "cut after the idle timeout, not at the end");
            assertEquals(202, postEcho(api, "{\"a\":1}").status(), "the service answers normally afterwards");
            for (Thread trickler : tricklers) {
                trickler.interrupt();
            }
        }
    }

    @Test
    void fortyIdleConnectionsDoNotStopStatus() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withWorkers(2, 8, Duration.ofSeconds(1)))) {
            List<RawHttp> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    idle.add(api.connect().send("G"));
                }
                try (RawHttp status = RawHttp.connect(api.port(), Duration.ofSeconds(1))) {
                    assertEquals(200, status.send(RawHttp.get("/status")).read().status(), "answered within 1 s");
                }
            } finally {
                for (RawHttp client : idle) {
                    client.close();
                }
            }
        }
    }

    @Test
    void silentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        ServerLimits limits = ServerLimits.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(5));
        try (TestApi api = TestApi.start(limits);
                RawHttp client = RawHttp.connect(api.port(), Duration.ofSeconds(5))) {
            client.send("GET /sta"); // and nothing more

            assertTrue(client.closedByServer(), "closed by the server before the client's own 5 s timeout");
        }
    }

    @Test
    void connectionPastTheCapIsAnswered503OverloadedAndClosed() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withConnections(3))) {
            List<RawHttp> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RawHttp client = api.connect();
                assertEquals(200, client.send(RawHttp.get("/status")).read().status()); // surely open now
                open.add(client);
            }
            try (RawHttp extra = api.connect()) {
                RawHttp.Answer answer = extra.send(RawHttp.get("/status")).read();

                assertEquals(503, answer.status());
                assertEquals("overloaded", answer.code());
                assertEquals("1", answer.header("retry-after"));
                assertTrue(extra.closedByServer());
            }
            open.get(0).close();
            assertEquals(200, awaitStatusOk(api), "a freed slot is served again");
            for (RawHttp client : open) {
                client.close();
            }
        }
    }

    @Test
    void requestPastTheWorkersAndTheirQueueIs503OverloadedAtOnce() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withWorkers(1, 0, Duration.ofSeconds(1)));
                RawHttp holder = api.connect()) {
            holder.send(RawHttp.get("/hold"));
            assertTrue(api.entered.await(5, TimeUnit.SECONDS));

            RawHttp.Answer refused = api.get("/status");

            assertEquals(503, refused.status());
            assertEquals("overloaded", refused.code());
            assertEquals("1", refused.header("retry-after"));
            api.release();
            assertEquals(200, holder.read().status());
            // The answer can reach the client a moment before its worker is free again.
            assertEquals(200, awaitStatusOk(api), "the freed worker serves again");
        }
    }

    @Test
    void requestWaitingForAWorkerTooLongIs503Overloaded() throws Exception {
        try (TestApi api = TestApi.start(TestApi.shortLimits().withWorkers(1, 4, Duration.ofMillis(200)));
                RawHttp holder = api.connect();
                RawHttp waiter = api.connect()) {
            holder.send(RawHttp.get("/hold"));
            assertTrue(api.entered.await(5, TimeUnit.SECONDS));
            waiter.send(RawHttp.get("/status"));
            Thread.sleep(600); // longer than maxQueueWait: the waiter is stale when the worker frees

            api.release();

            assertEquals(200, holder.read().status());
            RawHttp.Answer stale = waiter.read();
            assertEquals(503, stale.status());
            assertEquals("overloaded", stale.code());
        }
    }

    private static RawHttp.Answer postEcho(TestApi api, String body) throws Exception {
        try (RawHttp client = api.connect()) {
            return client.send(RawHttp.postHead("/echo", body.length()) + body).read();
        }
    }

    private static int awaitStatusOk(TestApi api) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = api.get("/status").status();
        } while (status != 200 && System.nanoTime() < deadline);
        return status;
    }

    /** Sends one body byte a second until interrupted or the server closes. */
    private static Thread trickle(RawHttp client) {
        Thread thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    client.send("x");
                    Thread.sleep(1_000);
                }
            } catch (IOException | InterruptedException e) {
                // closed by the server, or the test is done
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The server answers 408 request_timeout and closes, or just closes. */
    private static void assertCutOff(RawHttp client) throws IOException {
        try {
            RawHttp.Answer answer = client.read();
            assertEquals(408, answer.status());
            assertEquals("request_timeout", answer.code());
        } catch (IOException closedWithoutAnswer) {
            // also acceptable: the connection is gone
        }
        assertTrue(client.closedByServer());
    }
}
