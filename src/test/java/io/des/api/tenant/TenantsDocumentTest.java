package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.ACME_KEY;
import static io.des.api.tenant.TenantFixtures.ACME_NEXT_KEY;
import static io.des.api.tenant.TenantFixtures.document;
import static io.des.api.tenant.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TenantsDocumentTest {

    @Test
    void limitsLeftOutTakeTheirDefaults() {
        TenantDirectory directory = TenantsDocument.parse(document(
                tenant("acme", "{\"records_per_day\": 100}", ACME_KEY, ACME_NEXT_KEY)));
        Tenant acme = directory.byId("acme").orElseThrow();
        assertEquals("acme inc", acme.name());
        assertEquals(2, acme.apiKeyDigests().size());
        assertEquals(new TenantLimits(TenantLimits.DEFAULT_REQUESTS_PER_SECOND, 100,
                TenantLimits.DEFAULT_ERIDS_IN_PROGRESS, TenantLimits.DEFAULT_MAX_NUMBER_OF_RECORDS), acme.limits());
    }

    @Test
    void everyProblemIsReportedWithWhereItIs() {
        String broken = "{\"tenants\":["
                + "{\"id\":\"Acme\",\"api_keys_sha256\":[\"not-a-digest\"]},"
                + "{\"id\":\"ok\",\"api_keys_sha256\":[\"" + ApiKeys.digestHex("k") + "\"],"
                + "\"limits\":{\"records_per_dya\":5,\"requests_per_second\":-1,\"erids_in_progress\":1.5}},"
                + "{\"id\":\"three\",\"api_keys_sha256\":[\"" + ApiKeys.digestHex("a") + "\",\"" + ApiKeys.digestHex("b")
                + "\",\"" + ApiKeys.digestHex("c") + "\"]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantsDocument.parse(broken.getBytes(StandardCharsets.UTF_8)));
        String message = e.getMessage();
        assertTrue(message.contains("tenants[0].id: must match"), message);
        assertTrue(message.contains("tenants[0].api_keys_sha256[0]: must be 64 hex digits"), message);
        assertTrue(message.contains("tenants[1].limits.records_per_dya: unknown member"), message);
        assertTrue(message.contains("tenants[1].limits.requests_per_second: must be a positive number"), message);
        assertTrue(message.contains("tenants[1].limits.erids_in_progress: must be a positive integer"), message);
        assertTrue(message.contains("tenants[2].api_keys_sha256: must list 1 to 2"), message);
    }

    @Test
    void aWebhookSecretAndADefaultCallbackUrlAreReadAndABadSecretIsNotQuoted() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        String good = "{\"tenants\": [{\"id\": \"acme\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex("k") + "\"],"
                + " \"webhook_secret\": \"" + secret + "\", \"default_callback_url\": \"https://hooks.example.com/des\"}]}";
        Tenant acme = TenantsDocument.parse(good.getBytes(StandardCharsets.UTF_8)).byId("acme").orElseThrow();
        assertEquals("https://hooks.example.com/des", acme.defaultCallbackUrl());
        assertTrue(acme.webhookSecret() != null);
        String bad = good.replace(secret, "whsec_not-base64-SECRETVALUE").replace("https://", "ftp://");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantsDocument.parse(bad.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("tenants[0].webhook_secret"), e.getMessage());
        assertTrue(e.getMessage().contains("tenants[0].default_callback_url"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
    }

    @Test
    void anEnrichmentWeightIsReadDefaultsToAnEqualShareAndIsBounded() {
        String acme = "{\"id\": \"acme\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex("k") + "\"], \"enrichment_weight\": 3}";
        String globex = "{\"id\": \"globex\", \"api_keys_sha256\": [\"" + ApiKeys.digestHex("g") + "\"]}";
        TenantDirectory directory = TenantsDocument.parse(("{\"tenants\": [" + acme + ", " + globex + "]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(3, directory.byId("acme").orElseThrow().enrichmentWeight());
        assertEquals(1, directory.byId("globex").orElseThrow().enrichmentWeight());

        for (String bad : new String[] {"0", "101", "1.5", "\"3\""}) {
            String document = "{\"tenants\": [" + acme.replace("\"enrichment_weight\": 3", "\"enrichment_weight\": " + bad) + "]}";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TenantsDocument.parse(document.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("tenants[0].enrichment_weight: must be an integer from 1 to 100"), e.getMessage());
        }
    }

    @Test
    void aTenantIdOrAKeyListedTwiceIsRefused() {
        IllegalArgumentException sameId = assertThrows(IllegalArgumentException.class, () -> TenantsDocument.parse(
                document(tenant("acme", null, "k1"), tenant("acme", null, "k2"))));
        assertTrue(sameId.getMessage().contains("tenants[1].id: tenant acme is also tenants[0]"), sameId.getMessage());
        IllegalArgumentException sameKey = assertThrows(IllegalArgumentException.class, () -> TenantsDocument.parse(
                document(tenant("acme", null, "shared"), tenant("globex", null, "shared"))));
        assertTrue(sameKey.getMessage().contains("a key digest is also listed by tenants[0]"), sameKey.getMessage());
    }

    @Test
    void aSyntaxErrorNeverQuotesTheDocument() {
        String withRawKey = "{\"tenants\": [{\"id\": \"acme\", \"api_keys_sha256\": [sk_live_SECRET]}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TenantsDocument.parse(withRawKey.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
    }

    @Test
    void theShippedSampleIsValidAndItsDemoKeysMatch() throws Exception {
        Path sample = Path.of(System.getProperty("des.project.dir", "."), "samples", "tenants.json");
        TenantDirectory directory = TenantsDocument.parse(Files.readAllBytes(sample));
        assertEquals("acme", directory.byKeyDigest(ApiKeys.digest("des-demo-acme-0001")).orElseThrow().id());
        assertEquals("globex", directory.byKeyDigest(ApiKeys.digest("des-demo-globex-0001")).orElseThrow().id());
    }
}
