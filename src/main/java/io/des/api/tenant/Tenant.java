package io.des.api.tenant;

import io.des.model.TenantIds;
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
 */
public record Tenant(String id, String name, List<byte[]> apiKeyDigests, TenantLimits limits) {

    public Tenant {
        TenantIds.requireValid(id);
        Objects.requireNonNull(name, "name");
        apiKeyDigests = List.copyOf(apiKeyDigests);
    }

    /** The tenant of local mode without a tenants file: no key and no limits, as before tenancy. */
    public static Tenant openDefault() {
        return new Tenant(TenantIds.DEFAULT, "Default tenant (local mode without API keys)", List.of(), null);
    }
}
