package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.des.ingest.broker.BrokerRecordPublisher;
import io.des.ingest.broker.EmbeddedBroker;
import io.des.model.ContactRecord;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value quality through the whole job, over real HTTP: a cheap provider answers every contact with a
 * {@code catch_all} email of low confidence, a verifier knows half of them as {@code valid}; the
 * waterfall accepts only a confident or valid email, so it asks the verifier every time and keeps
 * the cheap value where the verifier knows nothing. The Parquet rows, read back with parquet-mr, hold
 * each value's confidence, status, source and the providers called; a second ERID of the same
 * contacts, answered from the lookup cache, holds the same values, sources and qualities and calls
 * no provider.
 */
class ValueQualityIT {

    private static final String ERID = "5d2c7a8e-1f3b-4c9d-8e7f-6a5b4c3d2e1f";
    private static final String ERID_AGAIN = "6e3d8b9f-2a4c-4d0e-9f8a-7b6c5d4e3f2a";
    private static final int CONTACTS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path tmp;

    @Test
    void theRowsHoldEachValuesQualityAndTheProvidersCalledAlsoWhenServedFromTheCache() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer providers = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        providers.createContext("/cheap", exchange -> answer(exchange, calls, name -> Map.of(
                "email", name + "@cheap.example", "score", 0.4, "check", "catch_all", "title", "Engineer")));
        providers.createContext("/verifier", exchange -> answer(exchange, calls, name -> isEven(name)
                ? Map.of("email", name + "@verified.example", "score", 0.95, "check", "valid") : null));
        providers.start();
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path storage = Files.createDirectories(tmp.resolve("storage"));
        try (EmbeddedBroker broker = EmbeddedBroker.open(brokerDir, 2)) {
            BrokerRecordPublisher publisher = new BrokerRecordPublisher(broker);
            publisher.publish(contacts(ERID));
            BrokerJob job = new BrokerJob(brokerDir, storage, tmp.resolve("registrations"),
                    qualityWaterfall(providers.getAddress().getPort()));
            JobClient running = job.submit();
            try {
                for (GenericRecord row : publishedRows(job, ERID)) {
                    assertQuality(row);
                    assertEquals(List.of("cheap", "verifier"), providersCalled(row));
                }
                int paidCalls = calls.get();
                assertEquals(2 * CONTACTS, paidCalls, "each contact asked of both providers once");

                // The same contacts again: the cached answers keep each value's source and quality.
                publisher.publish(contacts(ERID_AGAIN));
                for (GenericRecord row : publishedRows(job, ERID_AGAIN)) {
                    assertQuality(row);
                    assertEquals(List.of(), providersCalled(row), "served from the cache: no provider called");
                }
                assertEquals(paidCalls, calls.get(), "no provider was called for the second ERID");
            } finally {
                running.cancel().get();
                providers.stop(0);
            }
        }
    }

    private static List<ContactRecord> contacts(String erid) {
        List<ContactRecord> records = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            records.add(new ContactRecord(TenantIds.DEFAULT, erid, i, BrokerJob.DATE, CONTACTS,
                    List.of("professional_email", "job_title"), Map.of("first_name", "p" + i, "last_name", "L")));
        }
        return records;
    }

    private static List<GenericRecord> publishedRows(BrokerJob job, String erid) throws Exception {
        Path published = job.published(TenantIds.DEFAULT, erid);
        StorageWatch.awaitFile(published.resolve(StorageLayout.SUCCESS_MARKER), Duration.ofMinutes(3));
        List<GenericRecord> rows = new ArrayList<>(ParquetReadBack.rowsIn(published));
        rows.sort(Comparator.comparing(row -> (Long) row.get("record_index")));
        assertEquals(CONTACTS, rows.size());
        return rows;
    }

    private static void assertQuality(GenericRecord row) {
        String name = row.get("first_name").toString();
        if (isEven(name)) {
            assertEquals(name + "@verified.example", text(row, "professional_email"), row::toString);
            assertEquals("verifier", text(row, "professional_email_source"));
            assertEquals(0.95, (Double) row.get("professional_email_confidence"), 1e-9);
            assertEquals("valid", text(row, "professional_email_status"));
        } else {
            assertEquals(name + "@cheap.example", text(row, "professional_email"), "the best value seen");
            assertEquals("cheap", text(row, "professional_email_source"));
            assertEquals(0.4, (Double) row.get("professional_email_confidence"), 1e-9);
            assertEquals("catch_all", text(row, "professional_email_status"));
        }
        assertEquals("Engineer", text(row, "job_title"));
        assertEquals("cheap", text(row, "job_title_source"));
        assertNull(row.get("job_title_confidence"), "no pointer, no confidence");
    }

    private static List<String> providersCalled(GenericRecord row) {
        return ((List<?>) row.get("providers_called")).stream().map(Object::toString).toList();
    }

    private static Properties qualityWaterfall(int port) {
        Properties p = new Properties();
        p.setProperty("providers", "cheap,verifier");
        for (String provider : List.of("cheap", "verifier")) {
            String prefix = "provider." + provider + ".";
            p.setProperty(prefix + "endpoint", "http://127.0.0.1:" + port + "/" + provider);
            p.setProperty(prefix + "request-template", "{\"name\": \"${contact.first_name}\"}");
            p.setProperty(prefix + "response.professional_email", "/email");
            p.setProperty(prefix + "confidence.professional_email", "/score");
            p.setProperty(prefix + "verification.professional_email", "/check");
        }
        p.setProperty("provider.cheap.response.job_title", "/title");
        p.setProperty("waterfall.professional_email", "cheap,verifier");
        p.setProperty("accept.professional_email.min-confidence", "0.9");
        p.setProperty("accept.professional_email.statuses", "valid");
        return p;
    }

    private static boolean isEven(String name) {
        return Integer.parseInt(name.substring(1)) % 2 == 0;
    }

    private static String text(GenericRecord row, String column) {
        Object value = row.get(column);
        return value == null ? null : value.toString();
    }

    /** Answers 200 with the person the script gives for the request's name, 404 when it gives none. */
    private static void answer(HttpExchange exchange, AtomicInteger calls, Function<String, Map<String, Object>> script)
            throws IOException {
        calls.incrementAndGet();
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Map<String, Object> person = script.apply(request.path("name").asText());
        byte[] body = person == null ? new byte[0] : JSON.writeValueAsBytes(person);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(person == null ? 404 : 200, person == null ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
