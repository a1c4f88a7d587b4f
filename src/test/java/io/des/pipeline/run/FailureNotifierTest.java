package io.des.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.des.notify.WebhookSecret;
import io.des.notify.WebhookVerifier;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileParser;
import io.des.pipeline.config.LoadMode;
import io.des.pipeline.window.RunWindow;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A failed run's webhook: signed as DES signs completion webhooks, verified by DES's verifier, retried after a 5xx. */
class FailureNotifierTest {

    @Test
    void aFailedRunIsAnnouncedSignedAndRetried() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> received.put(name, values.get(0)));
            headers.add(received);
            bodies.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        try {
            PipelineFile pipeline = new PipelineFileParser(Map.of("HOOK_SECRET", secret.encoded())::get).parse("""
                    pipelineName: crm
                    dataSource: {type: csv, extraOptions: {path: in.csv, key: id, fields: [email]}}
                    fields_to_enrich: [job_title]
                    destination: {type: csv, extraOptions: {path: out}}
                    on_failure: {webhook: "http://127.0.0.1:%d/hook", secret: "${HOOK_SECRET}"}
                    """.formatted(server.getAddress().getPort()), "p.yaml");
            PipelineRun run = new PipelineRun("crm", 3, "0d9a3f56-1c7e-5e0b-9b58-6f2d8c1a7e43", new RunWindow(LoadMode.FULL, null, null, 3),
                    RunPhase.STAGED, Instant.EPOCH, Instant.EPOCH, 7, null, "DES answered 503");

            assertNull(new FailureNotifier(Clock.systemUTC(), Duration.ofMillis(10)).notify(pipeline, run, "crm run 3: DES answered 503"));

            assertEquals(2, bodies.size(), "a 5xx is retried");
            new WebhookVerifier(List.of(secret)).verify(bodies.get(1), headers.get(1));
            assertEquals(headers.get(0).get("webhook-id"), headers.get(1).get("webhook-id"), "one event, one id");
            JsonNode event = new ObjectMapper().readTree(bodies.get(1));
            assertEquals("pipeline_run.failed", event.get("type").asText());
            assertEquals("staged", event.at("/data/phase").asText());
            assertEquals(3, event.at("/data/run").asInt());
            assertTrue(event.at("/data/reason").asText().contains("DES answered 503"));
        } finally {
            server.stop(0);
        }
    }
}
