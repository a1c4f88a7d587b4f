package io.des.pipeline.load;

import io.des.pipeline.jdbc.SqlDialect;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run's staging table, next to the destination table and of the same column types, plus the
 * row's record index: {@code des_stage_<pipeline>}. The run's rows land here first and reach the
 * destination in the one transaction that also stores the watermark.
 */
final class StagingTable implements Serializable {

    static final String RECORD_INDEX = "des_record_index";
    private static final int MAX_NAME = 64;

    private final SqlDialect dialect;
    private final String name;
    private final List<String> columns;

    StagingTable(SqlDialect dialect, String destinationTable, String pipeline, List<String> columns) {
        this.dialect = dialect;
        int dot = destinationTable.indexOf('.');
        String schema = dot < 0 ? "" : destinationTable.substring(0, dot + 1);
        this.name = schema + tableName(pipeline);
        this.columns = List.copyOf(columns);
    }

    static String tableName(String pipeline) {
        String name = "des_stage_" + pipeline;
        if (name.length() <= MAX_NAME) {
            return name;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pipeline.getBytes(StandardCharsets.UTF_8));
            return name.substring(0, MAX_NAME - 9) + "_" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    String quotedName() {
        return dialect.quote(name);
    }

    /** Creates it empty, with the destination table's column types (a query that selects no row copies them). */
    String create(String destinationTable) {
        return "CREATE TABLE " + quotedName() + " AS SELECT 0 AS " + dialect.quote(RECORD_INDEX) + ", "
                + dialect.columnList(columns) + " FROM " + dialect.quote(destinationTable) + " WHERE 1 = 0";
    }

    String index() {
        return "CREATE INDEX " + dialect.quote(tableName("idx_" + name.replace('.', '_'))) + " ON " + quotedName()
                + " (" + dialect.quote(RECORD_INDEX) + ")";
    }

    String drop() {
        return "DROP TABLE IF EXISTS " + quotedName();
    }

    String deleteIndexes(int count) {
        return "DELETE FROM " + quotedName() + " WHERE " + dialect.quote(RECORD_INDEX) + " IN ("
                + String.join(", ", java.util.Collections.nCopies(count, "?")) + ")";
    }

    String insert() {
        return "INSERT INTO " + quotedName() + " (" + dialect.quote(RECORD_INDEX) + ", " + dialect.columnList(columns) + ") VALUES (?"
                + ", ?".repeat(columns.size()) + ")";
    }

    /** The staged rows into the destination: all of them, {@code columns} only. */
    String copyInto(String destinationTable) {
        return "INSERT INTO " + dialect.quote(destinationTable) + " (" + dialect.columnList(columns) + ") SELECT "
                + dialect.columnList(columns) + " FROM " + quotedName();
    }

    /** Deletes the destination rows whose key is among the staged rows': with {@link #copyInto}, an upsert by key. */
    String deleteStagedKeys(String destinationTable, List<String> key) {
        String target = dialect.quote(destinationTable);
        return "DELETE FROM " + target + " WHERE EXISTS (SELECT 1 FROM " + quotedName() + " des_s WHERE "
                + key.stream().map(k -> "des_s." + dialect.quote(k) + " = " + target + "." + dialect.quote(k))
                        .collect(Collectors.joining(" AND ")) + ")";
    }
}
