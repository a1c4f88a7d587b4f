package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.ACME_KEY;
import static io.des.api.tenant.TenantFixtures.ACME_NEXT_KEY;
import static io.des.api.tenant.TenantFixtures.GLOBEX_KEY;
import static io.des.api.tenant.TenantFixtures.directory;
import static io.des.api.tenant.TenantFixtures.refused;
import static io.des.api.tenant.TenantFixtures.tenant;
import static io.des.api.tenant.TenantFixtures.withHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.des.model.ApiError;
import io.des.model.ErrorCode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ApiKeyResolverTest {

    private final AtomicReference<TenantDirectory> tenants = new AtomicReference<>(directory(
            tenant("acme", null, ACME_KEY, ACME_NEXT_KEY), tenant("globex", null, GLOBEX_KEY)));
    private final ApiKeyResolver resolver = new ApiKeyResolver(tenants::get, new TenantRateLimiter(System::nanoTime));

    @Test
    void bearerAndXApiKeyBothIdentifyTheTenant() {
        assertEquals("acme", resolver.resolve(withHeaders(Map.of("Authorization", "Bearer " + ACME_KEY))));
        assertEquals("acme", resolver.resolve(withHeaders(Map.of("authorization", "bearer " + ACME_KEY))));
        assertEquals("globex", resolver.resolve(withHeaders(Map.of("X-API-Key", GLOBEX_KEY))));
    }

    @Test
    void bothKeysOfATenantWorkDuringARotation() {
        assertEquals("acme", resolver.resolve(withHeaders(Map.of("Authorization", "Bearer " + ACME_KEY))));
        assertEquals("acme", resolver.resolve(withHeaders(Map.of("Authorization", "Bearer " + ACME_NEXT_KEY))));
    }

    @Test
    void aMissingKeyIsUnauthorizedWithABearerChallenge() {
        ApiError error = refused(() -> resolver.resolve(withHeaders(Map.of()))).error();
        assertEquals(ErrorCode.UNAUTHORIZED, error.code());
        assertEquals(401, error.status());
        assertEquals("Bearer realm=\"des\"", error.headers().get("WWW-Authenticate"));
        assertEquals(ErrorCode.UNAUTHORIZED, refused(() -> resolver.resolve(
                withHeaders(Map.of("Authorization", "Basic dXNlcjpwYXNz")))).error().code());
    }

    @Test
    void anUnknownKeyIsUnauthorizedAndNotEchoed() {
        ApiError error = refused(() -> resolver.resolve(
                withHeaders(Map.of("Authorization", "Bearer guessed-key-123")))).error();
        assertEquals(ErrorCode.UNAUTHORIZED, error.code());
        assertFalse(error.message().contains("guessed-key-123"));
    }

    @Test
    void aKeyRemovedByAReloadIsRevokedAtOnce() {
        tenants.set(directory(tenant("acme", null, ACME_NEXT_KEY), tenant("globex", null, GLOBEX_KEY)));
        assertEquals(ErrorCode.UNAUTHORIZED, refused(() -> resolver.resolve(
                withHeaders(Map.of("Authorization", "Bearer " + ACME_KEY)))).error().code());
        assertEquals("acme", resolver.resolve(withHeaders(Map.of("Authorization", "Bearer " + ACME_NEXT_KEY))));
    }
}
