package io.des.api.tenant;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import io.des.model.ErrorCode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Resolves the caller from its API key ({@code Authorization: Bearer <key>} or {@code X-API-Key})
 * against the current tenants, then spends one of the tenant's requests per second. The key is
 * hashed at once and never kept, logged or echoed; an unknown key and a revoked one get the same
 * answer.
 */
public final class ApiKeyResolver implements TenantResolver {

    private final Supplier<TenantDirectory> tenants;
    private final TenantRateLimiter rateLimiter;

    public ApiKeyResolver(Supplier<TenantDirectory> tenants, TenantRateLimiter rateLimiter) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    @Override
    public String resolve(ApiRequest request) {
        String key = ApiKeys.presented(request);
        if (key == null) {
            throw unauthorized("an API key is required: send Authorization: Bearer <key> (or X-API-Key: <key>)");
        }
        Tenant tenant = tenants.get().byKeyDigest(ApiKeys.digest(key))
                .orElseThrow(() -> unauthorized("the API key is not valid (unknown or revoked)"));
        rateLimiter.acquire(tenant);
        return tenant.id();
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ApiError.of(ErrorCode.UNAUTHORIZED, message)
                .withHeader("WWW-Authenticate", "Bearer realm=\"des\""));
    }
}
