package io.des.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalOptionsTest {

    @Test
    void anOpenApiIsRefusedOffLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--host", "0.0.0.0"}));
        assertTrue(e.getMessage().contains("without --tenants-file"), e.getMessage());
    }

    @Test
    void loopbackNeedsNoTenantsFile() {
        assertEquals("localhost", LocalOptions.parse(new String[] {"--host", "localhost"}).host);
        assertEquals("127.0.0.1", LocalOptions.parse(new String[] {}).host);
    }

    @Test
    void withATenantsFileAnyAddressMayBeBound() {
        LocalOptions options = LocalOptions.parse(new String[] {"--host", "0.0.0.0", "--tenants-file", "samples/tenants.json"});
        assertEquals(Path.of("samples/tenants.json"), options.tenantsFile);
    }

    @Test
    void theExpiryWindowIsAnIsoDurationForTheJobAndTheApiAlike() {
        assertEquals(Duration.ofDays(7), LocalOptions.parse(new String[] {}).eridExpiry.window());
        assertEquals(Duration.ofSeconds(30), LocalOptions.parse(new String[] {"--erid-expiry", "PT30S"}).eridExpiry.window());
    }

    @Test
    void aBadExpiryNamesTheFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--erid-expiry", "30s"}));
        assertTrue(e.getMessage().startsWith("--erid-expiry: not an ISO-8601 duration"), e.getMessage());
    }

    @Test
    void theWebhookDeadlineIsAnIsoDurationAndABadOneIsNamed() {
        assertEquals(java.time.Duration.ofHours(2), LocalOptions.parse(new String[] {"--webhook-deadline", "PT2H"}).webhookDeadline);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalOptions.parse(new String[] {"--webhook-deadline", "2 hours"}));
        assertTrue(e.getMessage().contains("--webhook-deadline"), e.getMessage());
    }
}
