package io.des.model;

import java.util.regex.Pattern;

/**
 * The one rule that decides whether a string is a tenant id. A tenant id becomes a storage path
 * segment ({@code tenant=<id>/}), a Glue partition value and part of every keyed-state key, so
 * everything that takes one from outside goes through {@link #requireValid}.
 */
public final class TenantIds {

    /** The tenant of local mode without a tenants file, and of records written before tenancy. */
    public static final String DEFAULT = "default";

    private static final Pattern TENANT_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");

    private TenantIds() {}

    /** True for {@code [a-z0-9][a-z0-9_-]{0,62}}. */
    public static boolean isValid(String tenant) {
        return tenant != null && TENANT_ID.matcher(tenant).matches();
    }

    public static String requireValid(String tenant) {
        if (!isValid(tenant)) {
            throw new IllegalArgumentException("tenant id must match [a-z0-9][a-z0-9_-]{0,62}, got: " + tenant);
        }
        return tenant;
    }
}
