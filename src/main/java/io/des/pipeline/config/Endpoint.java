package io.des.pipeline.config;

import java.io.Serializable;
import java.util.Map;
import java.util.Properties;

/**
 * Where a pipeline reads or writes: a database (by host or JDBC URL, with a table or, for a source, a
 * read-only query) or files at {@code path}. Unused members are null. {@link #toString()} never
 * shows the password.
 *
 * @param properties extra JDBC connection properties (e.g. {@code sslMode}), never null
 * @param delimiter the CSV field separator
 */
public record Endpoint(
        StoreType type,
        String hostname,
        int port,
        String database,
        String user,
        String password,
        String url,
        String driver,
        Map<String, String> properties,
        String table,
        String query,
        String path,
        char delimiter) implements Serializable {

    public Endpoint {
        // An immutable copy, which is serializable: a job's functions carry the endpoint they write to.
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The JDBC URL: the given one for {@code jdbc}, built from host, port and database otherwise. */
    public String jdbcUrl() {
        return switch (type) {
            // MariaDB's driver speaks to MySQL servers too, so one driver serves both.
            case MYSQL, MARIADB -> "jdbc:mariadb://" + hostname + ":" + port + "/" + database;
            case POSTGRESQL -> "jdbc:postgresql://" + hostname + ":" + port + "/" + database;
            case JDBC -> url;
            default -> throw new IllegalStateException(type + " is not a database");
        };
    }

    /** The JDBC driver's class: known for MySQL, MariaDB and PostgreSQL, given (or found by the JDK) for {@code jdbc}. */
    public String driverClass() {
        return switch (type) {
            case MYSQL, MARIADB -> "org.mariadb.jdbc.Driver";
            case POSTGRESQL -> "org.postgresql.Driver";
            default -> driver;
        };
    }

    /** User, password and the extra properties, as {@code DriverManager} takes them. */
    public Properties connectionProperties() {
        Properties connection = new Properties();
        properties.forEach(connection::setProperty);
        if (user != null) {
            connection.setProperty("user", user);
        }
        if (password != null) {
            connection.setProperty("password", password);
        }
        return connection;
    }

    /** What a log line or an error may say about this endpoint. */
    public String describe() {
        if (!type.isDatabase()) {
            return type.key() + " " + path;
        }
        String where = type == StoreType.JDBC ? url.replaceAll("(?i)(password=)[^&;]*", "$1***") : hostname + ":" + port + "/" + database;
        return type.key() + " " + where + (table != null ? " table " + table : " query");
    }

    @Override
    public String toString() {
        return "Endpoint{" + describe() + (user != null ? ", user=" + user : "") + (password != null ? ", password=***" : "") + "}";
    }
}
