package io.des.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.enrich.HttpJsonProviderSpec;
import io.des.enrich.EnrichmentSettings;
import io.des.enrich.WaterfallSpec;
import io.des.local.sandbox.SandboxProviderServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bulk sample runs as shipped: its sandbox is reached at the bulk endpoint and the configuration is valid. */
class LocalProvidersBulkSampleTest {

    @Test
    void aSandboxProviderInBulkModeIsServedByTheSandboxBulkEndpoint() {
        try (LocalProviders providers = LocalProviders.fromFile(Path.of("samples/bulk.properties"))) {
            WaterfallSpec spec = (WaterfallSpec) EnrichmentSettings.fromProperties(providers.enrichProperties(), name -> null).providerSpec();
            HttpJsonProviderSpec bulky = (HttpJsonProviderSpec) spec.providers().get("bulky");

            assertTrue(bulky.endpoint().endsWith(SandboxProviderServer.BULK_PATH), bulky.endpoint());
            assertEquals(25, bulky.bulk().orElseThrow().size());
        }
    }
}
