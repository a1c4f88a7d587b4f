package io.des.api.tenant;

import io.des.ingest.IngestAdmission;
import io.des.notify.WebhookSecret;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything the API edge knows of tenants, built one of two ways: from a tenants document (API
 * keys, limits, reloads), or open (local mode without a tenants file: the one {@code default}
 * tenant, no key, no limits, loopback only; {@code LocalOptions} enforces the loopback rule).
 *
 * @param tenants the current tenants
 * @param resolver who is calling (API key, then requests per second)
 * @param admission the per-tenant limits of a POST
 * @param usage {@code GET /v2/usage}
 * @param stopReloading stops polling the tenants document; a no-op when open
 */
public record TenantEdge(Supplier<TenantDirectory> tenants, TenantResolver resolver, IngestAdmission admission,
        UsageHandler usage, Runnable stopReloading) implements AutoCloseable {

    /** Tenants, keys and limits from {@code source}, re-read while running. */
    public static TenantEdge fromDocument(TenantsSource source, Clock clock, EridCompletion completion) {
        ReloadingTenants tenants = ReloadingTenants.start(source);
        TenantUsage usage = new TenantUsage(clock, completion);
        return new TenantEdge(tenants, new ApiKeyResolver(tenants, new TenantRateLimiter(System::nanoTime)),
                new TenantAdmission(tenants, usage), new UsageHandler(tenants, usage), tenants::close);
    }

    /**
     * The single open tenant of local mode without a tenants file.
     *
     * @param webhookSecret its webhook secret ({@code DES_WEBHOOK_SECRET}), or null
     */
    public static TenantEdge open(Clock clock, WebhookSecret webhookSecret) {
        TenantDirectory directory = new TenantDirectory(List.of(Tenant.openDefault(webhookSecret)));
        Supplier<TenantDirectory> tenants = () -> directory;
        TenantUsage usage = new TenantUsage(clock, (tenant, erid, date) -> false);
        return new TenantEdge(tenants, SingleTenantResolver.defaultTenant(), new TenantAdmission(tenants, usage),
                new UsageHandler(tenants, usage), () -> { });
    }

    /** The tenant's webhook secrets for the dispatcher (none: its webhooks cannot be signed, so are not sent). */
    public List<WebhookSecret> webhookSecrets(String tenant) {
        return tenants.get().byId(tenant).map(Tenant::webhookSecret).map(List::of).orElse(List.of());
    }

    /** Where the tenant's webhooks go when a POST names no {@code callback_url}, or null. */
    public String defaultCallbackUrl(String tenant) {
        return tenants.get().byId(tenant).map(Tenant::defaultCallbackUrl).orElse(null);
    }

    @Override
    public void close() {
        stopReloading.run();
    }
}
