package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.document;
import static io.des.api.tenant.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingTenantsTest {

    @TempDir
    Path dir;

    @Test
    void aTenantAddedToTheFileIsKnownAfterTheNextPoll() throws Exception {
        Path file = dir.resolve("tenants.json");
        Files.write(file, document(tenant("acme", null, "a")));
        try (ReloadingTenants tenants = ReloadingTenants.start(new TenantsFileSource(file))) {
            assertTrue(tenants.get().byId("globex").isEmpty());
            Files.write(file, document(tenant("acme", null, "a"), tenant("globex", null, "g")));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (tenants.get().byId("globex").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(tenants.get().byId("globex").isPresent(), "the poller re-read the file");
            assertEquals("globex", tenants.get().byKeyDigest(ApiKeys.digest("g")).orElseThrow().id());
        }
    }

    @Test
    void aBrokenEditKeepsThePreviousTenants() throws Exception {
        Path file = dir.resolve("tenants.json");
        Files.write(file, document(tenant("acme", null, "a")));
        try (ReloadingTenants tenants = ReloadingTenants.start(new TenantsFileSource(file))) {
            Files.writeString(file, "{\"tenants\": [{\"id\": \"acme\"", StandardCharsets.UTF_8);
            assertFalse(tenants.refresh());
            assertTrue(tenants.get().byKeyDigest(ApiKeys.digest("a")).isPresent());
            Files.delete(file);
            assertFalse(tenants.refresh());
            assertTrue(tenants.get().byId("acme").isPresent());
        }
    }

    @Test
    void anUnchangedFileIsNotReloaded() throws Exception {
        Path file = dir.resolve("tenants.json");
        Files.write(file, document(tenant("acme", null, "a")));
        try (ReloadingTenants tenants = ReloadingTenants.start(new TenantsFileSource(file))) {
            assertFalse(tenants.refresh());
            Files.write(file, document(tenant("acme", "{\"records_per_day\": 7}", "a")));
            assertTrue(tenants.refresh());
            assertEquals(7, tenants.get().byId("acme").orElseThrow().limits().recordsPerDay());
        }
    }

    @Test
    void aMissingOrInvalidFileStopsTheStartNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReloadingTenants.start(new TenantsFileSource(missing)));
        assertTrue(e.getMessage().contains("nope.json"), e.getMessage());
        Path invalid = dir.resolve("bad.json");
        Files.writeString(invalid, "{\"tenants\": [{\"id\": \"../x\", \"api_keys_sha256\": []}]}");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ReloadingTenants.start(new TenantsFileSource(invalid)));
        assertTrue(bad.getMessage().contains("bad.json") && bad.getMessage().contains("tenants[0].id"), bad.getMessage());
    }
}
