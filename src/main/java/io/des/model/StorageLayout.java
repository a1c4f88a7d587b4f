package io.des.model;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Where enriched data lives below the storage root, shared by the sink (writer) and the serving
 * side (reader). Hive-style so that Athena, Glue and DuckDB read the partitions as they are:
 *
 * <pre>
 * &lt;root&gt;/enriched_data/request_date=YYYY-MM-DD/erid=&lt;erid&gt;_incomplete/part-….parquet  while in progress
 * &lt;root&gt;/enriched_data/request_date=YYYY-MM-DD/erid=&lt;erid&gt;/part-….parquet + _SUCCESS  once published
 * &lt;root&gt;/dead_letter/…                                                              rejected input
 * </pre>
 *
 * Only validated ERIDs and dates become path segments (see {@link Erids}).
 */
public final class StorageLayout {

    public static final String TABLE_DIR = "enriched_data";
    public static final String DEAD_LETTER_DIR = "dead_letter";
    public static final String INCOMPLETE_SUFFIX = "_incomplete";
    /** Written last when a partition is published; lists the files and the row count. */
    public static final String SUCCESS_MARKER = "_SUCCESS";
    public static final String PARQUET_EXTENSION = ".parquet";

    private StorageLayout() {}

    /** {@code enriched_data/request_date=D} relative to the root. */
    public static String datePath(String requestDate) {
        return TABLE_DIR + "/request_date=" + requireDate(requestDate);
    }

    /** {@code enriched_data/request_date=D/erid=E_incomplete} relative to the root. */
    public static String incompletePartitionPath(String requestDate, String erid) {
        return datePath(requestDate) + "/erid=" + Erids.requireValid(erid) + INCOMPLETE_SUFFIX;
    }

    /** {@code enriched_data/request_date=D/erid=E} relative to the root. */
    public static String publishedPartitionPath(String requestDate, String erid) {
        return datePath(requestDate) + "/erid=" + Erids.requireValid(erid);
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
