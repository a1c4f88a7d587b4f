package io.des.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where enriched data lives below the storage root, shared by the sink (writer) and the serving
 * side (reader). Hive-style so that Athena, Glue and DuckDB read the partitions as they are:
 *
 * <pre>
 * &lt;root&gt;/enriched_data/tenant=T/request_date=YYYY-MM-DD/erid=E_incomplete/part-….parquet  while in progress
 * &lt;root&gt;/enriched_data/tenant=T/request_date=YYYY-MM-DD/erid=E/compacted-….parquet + _SUCCESS  once published
 * &lt;root&gt;/dead_letter/…                                                                          rejected input
 * </pre>
 *
 * <p>The tenant is the first level, so that a tenant's data is one prefix: one IAM statement on
 * {@code enriched_data/tenant=T/*} grants or denies all of it, and a reader that builds paths from
 * its caller's tenant cannot reach another tenant's ERID even when both use the same ERID.
 *
 * <p>Only validated tenant ids, ERIDs and dates become path segments (see {@link TenantIds},
 * {@link Erids}).
 */
public final class StorageLayout {

    public static final String TABLE_DIR = "enriched_data";
    public static final String DEAD_LETTER_DIR = "dead_letter";
    public static final String INCOMPLETE_SUFFIX = "_incomplete";
    /** Written last when a partition is published; lists the files and the row count. */
    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String PARQUET_EXTENSION = ".parquet";

    private StorageLayout() {}

    /** {@code enriched_data/tenant=T} relative to the root: everything of one tenant. */
    public static String tenantPath(String tenant) {
        return TABLE_DIR + "/tenant=" + TenantIds.requireValid(tenant);
    }

    /** {@code enriched_data/tenant=T/request_date=D} relative to the root. */
    public static String datePath(String tenant, String requestDate) {
        return tenantPath(tenant) + "/request_date=" + requireDate(requestDate);
    }

    /** {@code enriched_data/tenant=T/request_date=D/erid=E_incomplete} relative to the root. */
    public static String incompletePartitionPath(String tenant, String requestDate, String erid) {
        return publishedPartitionPath(tenant, requestDate, erid) + INCOMPLETE_SUFFIX;
    }

    /** {@code enriched_data/tenant=T/request_date=D/erid=E} relative to the root. */
    public static String publishedPartitionPath(String tenant, String requestDate, String erid) {
        return datePath(tenant, requestDate) + "/erid=" + Erids.requireValid(erid);
    }

    /**
     * The object key of a path relative to an {@code s3://bucket/prefix} storage root (the root's
     * path without its leading slash, then the relative path).
     */
    public static String objectKey(java.net.URI storageRoot, String relativePath) {
        String prefix = storageRoot.getPath() == null ? "" : storageRoot.getPath();
        prefix = prefix.startsWith("/") ? prefix.substring(1) : prefix;
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return prefix + relativePath;
    }

    /** Accepts only an ISO {@code yyyy-MM-dd} date and returns it unchanged. */
    public static String requireDate(String requestDate) {
        try {
            LocalDate parsed = LocalDate.parse(requestDate);
            if (!parsed.toString().equals(requestDate)) {
                throw new IllegalArgumentException("request_date must be yyyy-MM-dd, got: " + requestDate);
            }
            return requestDate;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("request_date must be yyyy-MM-dd, got: " + requestDate, e);
        }
    }
}
