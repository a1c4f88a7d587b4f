package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ContactRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ContactRecord ada = TestContacts.contact(0,
            Map.of("first_name", "Ada \"the\" first", "last_name", "Lovelace", "email", "ada@x.org"),
            List.of("professional_email", "job_title"));

    @Test
    void wholeStringPlaceholdersBecomeJsonValuesAndInlineOnesText() throws Exception {
        RequestTemplate template = new RequestTemplate(
                "{\"q\": {\"first\": \"${contact.first_name}\", \"city\": \"${contact.city}\"},"
                        + " \"want\": \"${fields}\", \"label\": \"${contact.last_name}: ${fields}\"}");

        var body = MAPPER.readTree(template.render(ada, ada.fieldsToEnrich));

        assertEquals("Ada \"the\" first", body.at("/q/first").asText(), "quotes stay inside the JSON string");
        assertEquals(true, body.at("/q/city").isNull());
        assertEquals(2, body.at("/want").size());
        assertEquals("Lovelace: professional_email,job_title", body.at("/label").asText());
    }

    @Test
    void theDesProtocolSendsTheContactAndTheFields() throws Exception {
        var body = MAPPER.readTree(new RequestTemplate(RequestTemplate.DES_PROTOCOL).render(ada, ada.fieldsToEnrich));
        assertEquals("ada@x.org", body.at("/contact/email").asText());
        assertEquals("job_title", body.at("/fields/1").asText());
    }

    @Test
    void theSendersSourceKeyNeverReachesAProvider() throws Exception {
        ContactRecord keyed = TestContacts.contact(0, Map.of("email", "ada@x.org", "source_key", "crm-42"), List.of("job_title"));

        var body = MAPPER.readTree(new RequestTemplate(RequestTemplate.DES_PROTOCOL).render(keyed, keyed.fieldsToEnrich));

        assertEquals(Map.of("email", "ada@x.org"), MAPPER.convertValue(body.get("contact"), Map.class));
    }

    @Test
    void malformedJsonAndUnknownPlaceholdersAreRejectedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new RequestTemplate("{\"a\": "));
        assertThrows(IllegalArgumentException.class, () -> new RequestTemplate("{\"a\": \"${contact.Email}\"}"));
        assertThrows(IllegalArgumentException.class, () -> new RequestTemplate("\"just a string\""));
    }
}
