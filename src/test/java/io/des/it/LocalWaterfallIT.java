package io.des.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.local.LocalDes;
import io.des.local.LocalOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode with the sample two-provider waterfall, configured only by {@code
 * samples/waterfall.properties}: the GET answer shows where each value came from and how each
 * field fared.
 */
class LocalWaterfallIT {

    private static final String ERID = "0d5c8b3e-9a41-4f6e-8d2b-7c1a3e5f9b20";
    private static final int RECORDS = 60;

    @Test
    void sampleWaterfallShowsPerFieldSourcesAndCounts(@TempDir Path tmp) throws Exception {
        Path sample = Path.of(System.getProperty("des.project.dir", "."), "samples", "waterfall.properties");
        try (LocalDes des = LocalDes.start(LocalOptions.parse(new String[] {
                "--port", "0", "--web-ui-port", "0", "--data-dir", tmp.toString(),
                "--checkpoint-interval-ms", "500", "--providers-file", sample.toString()}))) {
            DesClient client = new DesClient(des.port());
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertEquals(202, client.post(DesClient.chunk(ERID, 0, RECORDS, RECORDS)).statusCode());

            JsonNode completed = client.awaitGet(ERID, today, a -> a.get("status").asText().equals("completed"),
                    Duration.ofMinutes(2));
            JsonNode rows = client.get(ERID, today, today, 1, RECORDS).get("data");

            Set<String> emailSources = new HashSet<>();
            for (JsonNode row : rows) {
                emailSources.add(row.get("professional_email_source").asText());
                assertEquals(row.get("professional_email_source"), row.get("job_title_source"), row::toString);
                if (row.get("phone_number").isTextual()) {
                    assertEquals("fallback", row.get("phone_number_source").asText(), "only fallback supplies phones");
                }
            }
            assertEquals(Set.of("primary", "fallback"), emailSources);
            JsonNode email = completed.get("progress").get("fields").get("professional_email");
            assertEquals(RECORDS, email.get("of").asLong());
            assertEquals(RECORDS, email.get("found").asLong() + email.get("not_found").asLong()
                    + email.get("failed").asLong());
            assertTrue(email.get("found").asLong() > RECORDS / 2, email::toString);
        }
    }
}
