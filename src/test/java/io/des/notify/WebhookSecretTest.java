package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {

    @Test
    void generatedSecretIsWhsecWith32RandomBytesAndParsesBack() {
        WebhookSecret secret = WebhookSecret.generate();

        String encoded = secret.encoded();
        assertTrue(encoded.startsWith("whsec_"), encoded);
        assertEquals(32, Base64.getDecoder().decode(encoded.substring(6)).length);
        assertEquals(encoded, WebhookSecret.parse(encoded).encoded());
        assertNotEquals(encoded, WebhookSecret.generate().encoded());
    }

    @Test
    void parsesUnpaddedBase64() {
        String padded = WebhookSecret.generate().encoded();
        String unpadded = padded.replace("=", "");

        assertEquals(padded, WebhookSecret.parse(unpadded).encoded());
    }

    @Test
    void refusesAnotherPrefixWithoutQuotingIt() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> WebhookSecret.parse("whsk_" + key));

        assertTrue(error.getMessage().contains("must start with whsec_"), error.getMessage());
        assertFalse(error.getMessage().contains(key), error.getMessage());
    }

    @Test
    void refusesBadBase64WithoutQuotingTheSecret() {
        String text = "whsec_c2VjcmV0LXBhcnQ!!c2VjcmV0LXBhcnQtdHdvLXRocmVl";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(text));

        assertTrue(error.getMessage().contains("standard base64"), error.getMessage());
        assertFalse(error.getMessage().contains("c2VjcmV0"), error.getMessage());
        assertFalse(error.getMessage().contains("!"), error.getMessage());
    }

    @Test
    void refusesKeysShorterThan24OrLongerThan64Bytes() {
        String shortKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[16]);
        String longKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);

        assertTrue(assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(shortKey))
                .getMessage().contains("24 to 64 bytes, this one has 16"));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(longKey));
        assertEquals(24, WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[24])).key().length);
    }

    @Test
    void refusesNullAndEmpty() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse(null));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_"));
    }

    @Test
    void toStringNeverShowsTheKey() {
        WebhookSecret secret = WebhookSecret.generate();
        String base64 = secret.encoded().substring(6);

        assertFalse(secret.toString().contains(base64), secret.toString());
        assertFalse(secret.toString().contains(base64.substring(0, 8)), secret.toString());
        assertTrue(secret.toString().contains("redacted"));
    }
}
