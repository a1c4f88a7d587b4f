package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the example in {@code docs/webhooks.md} true: its body, id and signature are what DES produces. */
class WebhooksDocTest {

    private static final String DOCUMENTATION_SECRET = "whsec_ZGVzLXdlYmhvb2tzLWRvY3VtZW50YXRpb24ta2V5ISE=";

    @Test
    void documentedExampleIsWhatDesSends() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("des.project.dir", "."), "docs", "webhooks.md"));
        String id = header(doc, "webhook-id");
        long timestamp = Long.parseLong(header(doc, "webhook-timestamp"));
        String signature = header(doc, "webhook-signature");
        String body = doc.lines().filter(line -> line.startsWith("{\"type\"")).findFirst().orElseThrow();

        assertEquals(WebhookEvents.body(WebhookEventsTest.completed("acme", "{\"crm_id\": \"42\", \"batch\": 7}"), Instant.EPOCH), body);
        assertEquals(WebhookEvents.eventId("acme", WebhookEventsTest.ERID, WebhookEventType.COMPLETED), id);
        assertEquals(WebhookSigner.sign(List.of(WebhookSecret.parse(DOCUMENTATION_SECRET)), id, timestamp,
                body.getBytes(StandardCharsets.UTF_8)).signature(), signature);
        assertEquals(1, count(doc, DOCUMENTATION_SECRET), "the algorithm section names the documentation secret");
        assertEquals(2, count(doc, signature), "the example request and the algorithm section show one signature");
    }

    private static String header(String doc, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ": (\\S+)$").matcher(doc);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " header in the example");
        }
        return matcher.group(1);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
