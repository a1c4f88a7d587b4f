package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ContactRecord;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where an endpoint may hold contact values, and how they are encoded there. */
class EndpointTemplateTest {

    private static final String PATH_TEMPLATE = "https://p.example/people/${contact.last_name}/card";

    @Test
    void queryPlaceholdersAreFormEncoded() {
        assertEquals("https://p.example/find?email=ada%40x.org&q=a+b%26c%3Dd%23e",
                EndpointTemplate.render("https://p.example/find?email=${contact.email}&q=${contact.city}",
                        contact(Map.of("email", "ada@x.org", "city", "a b&c=d#e")), List.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a/b            | a%2Fb",
            "..             | %2E%2E",
            ".              | %2E",
            "../../admin    | %2E%2E%2F%2E%2E%2Fadmin",
            "x?admin=1      | x%3Fadmin%3D1",
            "x#frag         | x%23frag",
            "Ada Lovelace   | Ada%20Lovelace",
            "a+b%2F         | a%2Bb%252F",
            "Zoë            | Zo%C3%AB"})
    void aPathValueIsOneSegmentWhateverItHolds(String value, String encoded) {
        URI uri = URI.create(EndpointTemplate.render(PATH_TEMPLATE, contact(Map.of("last_name", value)), List.of()));

        assertEquals("/people/" + encoded + "/card", uri.getRawPath());
        assertEquals(uri.getRawPath(), uri.normalize().getRawPath(), "no dot segment for a server to resolve");
        assertNull(uri.getRawQuery());
        assertNull(uri.getRawFragment());
        assertEquals("p.example", uri.getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "https://${contact.company_domain}/people",
            "https://api.${contact.company_domain}/people",
            "https://${contact.email}@api.example/people",
            "https://api.example:${contact.city}/people",
            "https://api.example${contact.city}",
            "https://api.example/people#${contact.email}"})
    void aPlaceholderOutsideThePathAndQueryIsRefused(String endpoint) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EndpointTemplate.validate(endpoint));

        assertTrue(refused.getMessage().contains("only the path and the query may hold placeholders"),
                refused.getMessage());
    }

    @Test
    void placeholdersInThePathAndQueryAreAccepted() {
        EndpointTemplate.validate("https://api.example/v1/${contact.company_domain}/people?email=${contact.email}");
    }

    @Test
    void theJobRefusesAPlaceholderInTheHostAtStartNamingTheKey() {
        Properties p = new Properties();
        p.setProperty("providers", "acme");
        p.setProperty("provider.acme.endpoint", "https://${contact.company_domain}/match");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> EnrichmentSettings.fromProperties(p, name -> null));

        assertTrue(refused.getMessage().contains("'provider.acme.endpoint'") && refused.getMessage().contains(
                "endpoint has placeholder ${contact.company_domain} in its scheme or host"), refused.getMessage());
    }

    private static ContactRecord contact(Map<String, String> attributes) {
        return TestContacts.contact(0, attributes, List.of("professional_email"));
    }
}
