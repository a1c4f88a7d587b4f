package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.api.tenant.ApiKeys;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.ingest.broker.Message;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import io.des.model.ContactRecord;
import io.des.model.RecordCodec;
import io.des.notify.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode under a known load, its two metric endpoints scraped with plain HTTP: the job's
 * (Flink's Prometheus reporter, the metrics Managed Flink ships to CloudWatch) and the API's
 * ({@code GET /metrics}). The counts must be what was sent, summed over the subtasks.
 *
 * <p>The load: ERIDs A (30 records) and B (20), each with a completion webhook; 10 of A's records
 * sent twice; 2 POSTs the API refuses; and 3 messages no valid POST makes, written to the broker
 * before the start as another producer would (the job validates again for them).
 */
class LocalMetricsIT {

    private static final String KEY = "des-test-metrics-key-0001";
    private static final String A = "5b0c7e1a-2f4d-4a8b-9c3e-6d7f8a9b0c1d";
    private static final String B = "6c1d8f2b-3a5e-4b9c-8d4f-7e8a9b0c1d2e";
    private static final int A_RECORDS = 30;
    private static final int B_RECORDS = 20;
    private static final int DUPLICATES = 10;
    private static final int INVALID_MESSAGES = 3;
    private static final String JOB = "flink_taskmanager_job_task_operator_kinesisanalytics_";
    private static final List<String> FIELDS = List.of("professional_email", "phone_number", "job_title");

    @Test
    void bothEndpointsCountWhatWasSent(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writeInvalidMessages(data.resolve(LocalDes.BROKER_DIR));
        Path tenants = tmp.resolve("tenants.json");
        Files.writeString(tenants, "{\"tenants\": [{\"id\": \"acme\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex(KEY)
                + "\"], \"webhook_secret\": \"" + WebhookSecret.generate().encoded() + "\"}]}");
        try (WebhookReceiver receiver = WebhookReceiver.start(0);
                LocalDes des = LocalDes.start(LocalOptions.parse(new String[] {
                        "--port", "0", "--web-ui-port", "0", "--metrics-port", "0", "--data-dir", data.toString(),
                        "--checkpoint-interval-ms", "500", "--tenants-file", tenants.toString(),
                        "--provider-error-rate", "0"}, Map.of()))) {
            DesClient client = new DesClient(des.port(), KEY);
            String today = LocalDate.now(ZoneOffset.UTC).toString();

            // A's last chunk goes last, so A cannot complete before its duplicates arrive.
            assertEquals(202, client.post(withCallback(DesClient.chunk(A, 0, 20, A_RECORDS), receiver)).statusCode());
            assertEquals(202, client.post(withCallback(DesClient.chunk(A, 0, DUPLICATES, A_RECORDS), receiver)).statusCode());
            assertEquals(202, client.post(withCallback(DesClient.chunk(B, 0, B_RECORDS, B_RECORDS), receiver)).statusCode());
            assertEquals(202, client.post(withCallback(DesClient.chunk(A, 20, 10, A_RECORDS), receiver)).statusCode());
            ObjectNode noFields = DesClient.chunk(B, 0, 1, B_RECORDS);
            noFields.putArray("fields_to_be_enriched");
            assertEquals(400, client.post(noFields).statusCode());
            assertEquals(400, client.post(DesClient.chunk("not-an-erid", 0, 1, 1)).statusCode());

            client.awaitHistory(A, entry -> entry.path("status").asText().equals("completed"), Duration.ofMinutes(2));
            client.awaitHistory(B, entry -> entry.path("status").asText().equals("completed"), Duration.ofMinutes(2));
            assertTrue(receiver.next(Duration.ofSeconds(60)) != null && receiver.next(Duration.ofSeconds(60)) != null,
                    "both completion webhooks delivered");
            client.get(A, today, today, 1, 5);

            String jobUrl = "http://127.0.0.1:" + des.metricsPort() + "/metrics";
            PrometheusText job = awaitScrape(jobUrl, scrape -> scrape.sum(JOB + "partitionsPublished") == 2
                    && scrape.sum(JOB + "progressRecorded") > 0);
            int valid = A_RECORDS + DUPLICATES + B_RECORDS;
            assertEquals(valid + INVALID_MESSAGES, job.sum(JOB + "recordsReceived"), job.text());
            assertEquals(valid, job.sum(JOB + "recordsValid"));
            assertEquals(INVALID_MESSAGES, job.sum(JOB + "recordsDeadLettered"));
            assertEquals(DUPLICATES, job.sum(JOB + "duplicateRecordsDropped"));
            assertEquals(A_RECORDS + B_RECORDS, job.sum(JOB + "recordsAccepted"));
            assertEquals(A_RECORDS + B_RECORDS, job.sum(JOB + "committedRows"));
            assertEquals(0, job.sum(JOB + "eridsInProgress"));
            assertEquals(A_RECORDS + B_RECORDS,
                    job.sum(JOB + "enriched") + job.sum(JOB + "not_found") + job.sum(JOB + "failed"));
            for (String field : FIELDS) {
                assertEquals(A_RECORDS + B_RECORDS, job.sum(JOB + "field_enriched", "field", field)
                        + job.sum(JOB + "field_not_found", "field", field) + job.sum(JOB + "field_failed", "field", field), field);
            }
            assertEquals(0, job.sum(JOB + "field_enriched", "field", "seniority"), "a field nobody asked for");
            assertTrue(job.sum(JOB + "provider_providerCalls", "provider", "sandbox") > 0, job.text());
            assertEquals(0, job.sum(JOB + "provider_providerErrors", "provider", "sandbox"));
            assertEquals(job.sum(JOB + "provider_providerCalls"), job.sum(JOB + "providerCalls"), "the alarms' total");
            assertEquals(0, job.sum(JOB + "providerErrors"));
            assertTrue(job.count(JOB + "compactionMillis") > 0 && job.count(JOB + "publishLatencyMillis") > 0);

            PrometheusText api = PrometheusText.scrape("http://127.0.0.1:" + des.port() + "/metrics");
            assertEquals(4, api.sum("apiRequests_total", "method", "POST", "route", "/v2/enriched_data", "status", "202"));
            assertEquals(2, api.sum("apiRequests_total", "method", "POST", "route", "/v2/enriched_data", "status", "400"));
            assertTrue(api.sum("apiRequests_total", "route", "/v2/enrichment_requests/{erid}", "status", "200") >= 2);
            assertEquals(1, api.sum("apiRequests_total", "method", "GET", "route", "/v2/enriched_data", "status", "200"));
            assertEquals(2, api.sum("webhookDeliveries_total"), api.text());
            assertEquals(0, api.sum("webhookFailures_total"));
            assertEquals(0, api.sum("webhookRetries_total"));
            assertFalse(api.text().contains(A) || api.text().contains(B) || api.text().contains("acme"),
                    "no ERID or tenant in the API's metrics");
        }
    }

    /** Garbage, a record of no valid tenant, and one whose index is past its ERID's total. */
    private static void writeInvalidMessages(Path brokerDir) throws Exception {
        ContactRecord badTenant = new ContactRecord("Not A Tenant", A, 0, "2026-01-01", 1, List.of("job_title"),
                Map.of("first_name", "Ada"));
        ContactRecord pastTheEnd = new ContactRecord("acme", B, 99, "2026-01-01", 1, List.of("job_title"),
                Map.of("first_name", "Ada"));
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, LocalDes.BROKER_PARTITIONS)) {
            broker.append(List.of(
                    new Message("garbage/0", "{not a record".getBytes(StandardCharsets.UTF_8)),
                    new Message(A + "/0", RecordCodec.encode(badTenant)),
                    new Message(B + "/99", RecordCodec.encode(pastTheEnd))));
        }
    }

    private static ObjectNode withCallback(ObjectNode chunk, WebhookReceiver receiver) {
        chunk.put("callback_url", receiver.url());
        return chunk;
    }

    /** Scrapes until {@code ready} holds (counters of the last steps trail the registry's view by moments). */
    private static PrometheusText awaitScrape(String url, Predicate<PrometheusText> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        PrometheusText last = PrometheusText.scrape(url);
        while (!ready.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the job's metrics never got there; last scrape:\n" + last.text());
            }
            Thread.sleep(500);
            last = PrometheusText.scrape(url);
        }
        return last;
    }
}
