package io.des.api.tenant;

import io.des.enrich.TokenBucket;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ErrorCode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per tenant: a token bucket each, refilled at {@code requests_per_second} and
 * holding as many tokens (the largest burst). A bucket is rebuilt, full, when a reload changes the
 * tenant's rate. Counted per API instance: behind a load balancer of n instances a tenant gets up to
 * n times its rate (documented in the README).
 */
public final class TenantRateLimiter {

    private static final double NANOS_PER_SECOND = 1e9;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    /** @param nanoClock monotonic nanoseconds ({@code System::nanoTime} in production) */
    public TenantRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Spends one of the tenant's tokens.
     *
     * @throws ApiException {@code rate_limited} (429) with {@code Retry-After} in whole seconds
     */
    public void acquire(Tenant tenant) {
        if (tenant.limits() == null) {
            return;
        }
        double rate = tenant.limits().requestsPerSecond();
        Bucket bucket = buckets.compute(tenant.id(), (id, existing) ->
                existing != null && existing.rate == rate ? existing : new Bucket(rate, new TokenBucket(rate, Math.max(1, rate), nanoClock)));
        long waitNanos;
        synchronized (bucket) {
            waitNanos = bucket.tokens.tryTake();
        }
        if (waitNanos > 0) {
            long retryAfterSeconds = Math.max(1, (long) Math.ceil(waitNanos / NANOS_PER_SECOND));
            throw new ApiException(ApiError.limit(ErrorCode.RATE_LIMITED, "requests_per_second",
                    "more than " + format(rate) + " requests per second (this tenant's requests_per_second); retry after "
                            + retryAfterSeconds + " s").withHeader("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }

    private static String format(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private record Bucket(double rate, TokenBucket tokens) {}
}
