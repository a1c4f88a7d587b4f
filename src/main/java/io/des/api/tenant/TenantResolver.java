package io.des.api.tenant;

import io.des.model.ApiRequest;

/**
 * Resolves, once per request at the edge, which tenant is calling a route that needs one. The
 * result travels in {@link ApiRequest#tenant()}; handlers never look at credentials.
 */
@FunctionalInterface
public interface TenantResolver {

    /**
     * @return the validated id of the calling tenant
     * @throws io.des.model.ApiException {@code unauthorized} (401, with {@code WWW-Authenticate:
     *     Bearer}) for a missing or unknown key, {@code rate_limited} (429, with {@code Retry-After})
     */
    String resolve(ApiRequest request);
}
