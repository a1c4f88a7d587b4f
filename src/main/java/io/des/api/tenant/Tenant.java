package io.des.api.tenant;

import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import io.des.notify.WebhookSecret;
import java.util.List;
import java.util.Objects;

/**
 * A client of DES: its data lives under {@code tenant=<id>/}, its keys prove who is calling.
 *
 * @param id validated tenant id (see {@link TenantIds})
 * @param name display name, for people
 * @param apiKeyDigests SHA-256 digests (32 bytes each) of the tenant's active API keys; two during a
 *     rotation. The keys themselves are never stored.
 * @param limits the tenant's limits, defaults filled in; null only for local mode's open tenant, which has none
 * @param webhookSecret signs the tenant's webhooks, or null (then none is sent)
 * @param defaultCallbackUrl where webhooks go for ERIDs posted without {@code callback_url}, or null
 * @param enrichmentWeight the tenant's share of the providers when several tenants' records wait, 1 to
 *     {@value ContactRecord#MAX_ENRICHMENT_WEIGHT}; {@value ContactRecord#DEFAULT_ENRICHMENT_WEIGHT}
 *     (equal shares) unless the tenants document says otherwise. Written into each accepted record,
 *     so a change applies to records accepted from the next reload on.
 */
public record Tenant(String id, String name, List<byte[]> apiKeyDigests, TenantLimits limits, WebhookSecret webhookSecret,
        String defaultCallbackUrl, int enrichmentWeight) {

    public Tenant {
        TenantIds.requireValid(id);
        Objects.requireNonNull(name, "name");
        apiKeyDigests = List.copyOf(apiKeyDigests);
        if (enrichmentWeight < 1 || enrichmentWeight > ContactRecord.MAX_ENRICHMENT_WEIGHT) {
            throw new IllegalArgumentException("enrichment_weight must be 1 to " + ContactRecord.MAX_ENRICHMENT_WEIGHT
                    + ", got " + enrichmentWeight);
        }
    }

    /** A tenant without webhooks, of the default weight. */
    public Tenant(String id, String name, List<byte[]> apiKeyDigests, TenantLimits limits) {
        this(id, name, apiKeyDigests, limits, null, null, ContactRecord.DEFAULT_ENRICHMENT_WEIGHT);
    }

    /**
     * The tenant of local mode without a tenants file: no key and no limits, as before tenancy; its
     * webhook secret comes from {@code DES_WEBHOOK_SECRET} when set.
     */
    public static Tenant openDefault(WebhookSecret webhookSecret) {
        return new Tenant(TenantIds.DEFAULT, "Default tenant (local mode without API keys)", List.of(), null, webhookSecret, null,
                ContactRecord.DEFAULT_ENRICHMENT_WEIGHT);
    }
}
