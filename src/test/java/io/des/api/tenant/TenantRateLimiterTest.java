package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ApiError;
import io.des.model.ErrorCode;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final TenantRateLimiter limiter = new TenantRateLimiter(nanos::get);

    private static Tenant withRate(String id, double rps) {
        return new Tenant(id, id, List.of(), new TenantLimits(rps, 10, 10, 10));
    }

    @Test
    void aBurstOfTheRateIsAllowedThenRefusedWithRetryAfter() {
        Tenant acme = withRate("acme", 3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire(acme);
        }
        ApiError error = refused(() -> limiter.acquire(acme)).error();
        assertEquals(ErrorCode.RATE_LIMITED, error.code());
        assertEquals(429, error.status());
        assertEquals("requests_per_second", error.limit());
        assertEquals("1", error.headers().get("Retry-After"));
        assertTrue(error.message().contains("3 requests per second"), error.message());
    }

    @Test
    void tokensComeBackAtTheRate() {
        Tenant acme = withRate("acme", 2);
        limiter.acquire(acme);
        limiter.acquire(acme);
        refused(() -> limiter.acquire(acme));
        nanos.addAndGet(500_000_000L);
        assertDoesNotThrow(() -> limiter.acquire(acme));
        refused(() -> limiter.acquire(acme));
    }

    @Test
    void aSlowRateAsksForALongerWait() {
        Tenant slow = withRate("slow", 0.2);
        limiter.acquire(slow);
        assertEquals("5", refused(() -> limiter.acquire(slow)).error().headers().get("Retry-After"));
    }

    @Test
    void oneTenantsBurstDoesNotSpendAnothersTokens() {
        Tenant acme = withRate("acme", 1);
        limiter.acquire(acme);
        refused(() -> limiter.acquire(acme));
        assertDoesNotThrow(() -> limiter.acquire(withRate("globex", 1)));
    }

    @Test
    void aReloadedRateTakesEffect() {
        limiter.acquire(withRate("acme", 1));
        refused(() -> limiter.acquire(withRate("acme", 1)));
        assertDoesNotThrow(() -> limiter.acquire(withRate("acme", 5)));
    }
}
