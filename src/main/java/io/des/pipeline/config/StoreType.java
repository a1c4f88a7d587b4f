package io.des.pipeline.config;

import java.util.Locale;

/** What a pipeline reads from or writes to: a database reached over JDBC, or files. */
public enum StoreType {
    MYSQL(3306),
    MARIADB(3306),
    POSTGRESQL(5432),
    /** Any database with a JDBC driver on the class path, given by {@code url}. */
    JDBC(0),
    CSV(0),
    JSONL(0),
    PARQUET(0);

    private final int defaultPort;

    StoreType(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public boolean isDatabase() {
        return this == MYSQL || this == MARIADB || this == POSTGRESQL || this == JDBC;
    }

    /** MySQL, MariaDB and PostgreSQL are reached by host and port; {@link #JDBC} by its URL. */
    public boolean byHostname() {
        return isDatabase() && this != JDBC;
    }

    /** JSON Lines is read, never written: every destination holds flat columns. */
    public boolean canBeDestination() {
        return this != JSONL;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** As written in a pipeline file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
