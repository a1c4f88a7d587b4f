package io.des.model;

/**
 * The identity of an ERID: the pair (tenant, erid), as the one string that keys every per-ERID
 * state of the job (dedupe, publish tracking) and every per-ERID cache.
 *
 * <p>Two tenants may send the same ERID; keyed by the pair, their records, totals and progress
 * never meet. Both parts are validated before they are joined, and neither a tenant id ({@code
 * [a-z0-9][a-z0-9_-]*}) nor an ERID (a UUID) can contain {@value #SEPARATOR}, so the key is
 * unambiguous: {@code acme/3c3f…} can only come from {@code (acme, 3c3f…)}.
 */
public final class EridKey {

    static final char SEPARATOR = '/';

    private EridKey() {}

    /**
     * The key of {@code erid} sent by {@code tenant}.
     *
     * @throws IllegalArgumentException if either part is invalid
     */
    public static String of(String tenant, String erid) {
        return TenantIds.requireValid(tenant) + SEPARATOR + Erids.requireValid(erid);
    }

    /** The tenant of a key made by {@link #of}. */
    public static String tenantOf(String key) {
        return key.substring(0, key.indexOf(SEPARATOR));
    }

    /** The ERID of a key made by {@link #of}. */
    public static String eridOf(String key) {
        return key.substring(key.indexOf(SEPARATOR) + 1);
    }
}
