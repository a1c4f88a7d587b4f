package io.des.serve;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link AthenaQueryEngine} finds the table and the files. Validated at construction, because
 * the database and table names are the only non-parameter parts of the SQL text.
 *
 * @param database Glue database holding the table; {@code [A-Za-z0-9_]+}
 * @param table the enriched data table (partitioned by {@code request_date}, {@code erid});
 *     {@code [A-Za-z0-9_]+}
 * @param workgroup Athena workgroup the queries run in
 * @param outputLocation {@code s3://} location for Athena's query results
 * @param storageRoot {@code s3://bucket[/prefix]}: the root holding {@code enriched_data/}
 * @param queryTimeout how long one Athena query may take before it is cancelled
 */
public record AthenaSettings(
        String database,
        String table,
        String workgroup,
        String outputLocation,
        String storageRoot,
        Duration queryTimeout) {

    /** Used by {@link #of} for {@link #queryTimeout}. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]+");

    public AthenaSettings {
        requireIdentifier("database", database);
        requireIdentifier("table", table);
        if (workgroup == null || workgroup.isBlank()) {
            throw new IllegalArgumentException("workgroup is required");
        }
        requireS3Uri("outputLocation", outputLocation);
        requireS3Uri("storageRoot", storageRoot);
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive, got " + queryTimeout);
        }
    }

    /** Settings with the {@link #DEFAULT_QUERY_TIMEOUT}. */
    public static AthenaSettings of(
            String database, String table, String workgroup, String outputLocation, String storageRoot) {
        return new AthenaSettings(database, table, workgroup, outputLocation, storageRoot, DEFAULT_QUERY_TIMEOUT);
    }

    private static void requireIdentifier(String name, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must match [A-Za-z0-9_]+, got: " + value);
        }
    }

    private static void requireS3Uri(String name, String value) {
        URI uri;
        try {
            uri = value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"s3".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
            throw new IllegalArgumentException(name + " must be an s3://bucket[/prefix] URI, got: " + value);
        }
    }
}
