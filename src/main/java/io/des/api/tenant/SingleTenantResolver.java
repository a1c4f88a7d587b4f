package io.des.api.tenant;

import io.des.model.ApiRequest;
import io.des.model.TenantIds;

/**
 * Every caller is one tenant: local mode without a tenants file, and tests.
 * Checks no credential, so put it only where the network itself decides who may call.
 */
public final class SingleTenantResolver implements TenantResolver {

    private final String tenant;

    public SingleTenantResolver(String tenant) {
        this.tenant = TenantIds.requireValid(tenant);
    }

    /** The tenant {@link TenantIds#DEFAULT}. */
    public static SingleTenantResolver defaultTenant() {
        return new SingleTenantResolver(TenantIds.DEFAULT);
    }

    @Override
    public String resolve(ApiRequest request) {
        return tenant;
    }
}
