package io.des.pipeline.jdbc;

import io.des.pipeline.config.StoreType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the databases a pipeline talks to: how a name is quoted, how a row is
 * upserted by key, and the column types of a table DES creates. Every name is checked by {@link
 * SqlIdentifiers} before it gets here and quoted here, so SQL text is built from checked names
 * only; values are always bound parameters.
 */
public enum SqlDialect {
    /** MySQL and MariaDB: backticks, {@code INSERT … ON DUPLICATE KEY UPDATE}. */
    MYSQL('`', "VARCHAR(255)", "TEXT", "DATETIME(3)"),
    /** PostgreSQL: double quotes, {@code INSERT … ON CONFLICT (key) DO UPDATE}. */
    POSTGRESQL('"', "VARCHAR(255)", "TEXT", "TIMESTAMP(3)"),
    /** Any other database: standard quotes; upsert as delete-then-insert of the batch's keys in one transaction. */
    STANDARD('"', "VARCHAR(255)", "VARCHAR(4000)", "TIMESTAMP");

    private final char quote;
    private final String keyType;
    private final String textType;
    private final String timestampType;

    SqlDialect(char quote, String keyType, String textType, String timestampType) {
        this.quote = quote;
        this.keyType = keyType;
        this.textType = textType;
        this.timestampType = timestampType;
    }

    public static SqlDialect of(StoreType type) {
        return switch (type) {
            case MYSQL, MARIADB -> MYSQL;
            case POSTGRESQL -> POSTGRESQL;
            default -> STANDARD;
        };
    }

    /** A checked column or table name ({@code schema.table} too), quoted. */
    public String quote(String name) {
        if (!SqlIdentifiers.isTable(name)) {
            throw new IllegalArgumentException("not a checked SQL name: " + name);
        }
        StringBuilder quoted = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (quoted.length() > 0) {
                quoted.append('.');
            }
            quoted.append(quote).append(part).append(quote);
        }
        return quoted.toString();
    }

    public String columnList(List<String> columns) {
        return columns.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    /** A key column of a created table: indexable, so bounded. */
    public String keyType() {
        return keyType;
    }

    /** Any other text column of a created table. */
    public String textType() {
        return textType;
    }

    public String timestampType() {
        return timestampType;
    }

    /**
     * One row's upsert by {@code key}: a statement with one parameter per column in {@code columns}
     * order, or, for {@link #STANDARD}, null (the caller deletes the batch's keys, then inserts).
     */
    public String upsert(String table, List<String> columns, List<String> key) {
        String insert = "INSERT INTO " + quote(table) + " (" + columnList(columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        List<String> others = columns.stream().filter(c -> !key.contains(c)).toList();
        return switch (this) {
            case MYSQL -> insert + " ON DUPLICATE KEY UPDATE "
                    + (others.isEmpty() ? quote(key.get(0)) + " = " + quote(key.get(0))
                            : others.stream().map(c -> quote(c) + " = VALUES(" + quote(c) + ")").collect(Collectors.joining(", ")));
            case POSTGRESQL -> insert + " ON CONFLICT (" + columnList(key) + ") DO "
                    + (others.isEmpty() ? "NOTHING"
                            : "UPDATE SET " + others.stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", ")));
            case STANDARD -> null;
        };
    }
}
