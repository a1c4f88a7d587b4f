package io.des.api.tenant;

import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One immutable version of the tenants document: who the tenants are and which keys are theirs. */
public final class TenantDirectory {

    private final Map<String, Tenant> byId;
    private final List<Tenant> tenants;

    public TenantDirectory(List<Tenant> tenants) {
        Map<String, Tenant> index = new LinkedHashMap<>();
        for (Tenant tenant : tenants) {
            if (index.putIfAbsent(tenant.id(), tenant) != null) {
                throw new IllegalArgumentException("tenant id " + tenant.id() + " appears twice");
            }
        }
        this.byId = Map.copyOf(index);
        this.tenants = List.copyOf(tenants);
    }

    public Optional<Tenant> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Tenant> tenants() {
        return tenants;
    }

    /**
     * The tenant one of whose keys has {@code presentedDigest}. Every stored digest is compared, in
     * constant time each and without stopping at a match, so the answer's timing does not tell how
     * close a guess came or which tenant it matched.
     */
    public Optional<Tenant> byKeyDigest(byte[] presentedDigest) {
        Tenant match = null;
        for (Tenant tenant : tenants) {
            for (byte[] digest : tenant.apiKeyDigests()) {
                if (MessageDigest.isEqual(digest, presentedDigest)) {
                    match = tenant;
                }
            }
        }
        return Optional.ofNullable(match);
    }
}
