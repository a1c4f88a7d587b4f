package io.des.pipeline.config;

import io.des.pipeline.jdbc.SqlIdentifiers;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the connection part of a source's or destination's {@code extraOptions}: which keys a type
 * takes, and the rules for each (host names, ports, table names, read-only queries, paths).
 */
final class EndpointReader {

    static final Set<String> HOST_KEYS = Set.of("hostname", "port", "database", "user", "password", "properties");
    static final Set<String> JDBC_KEYS = Set.of("url", "driver", "user", "password", "properties");
    static final Set<String> FILE_KEYS = Set.of("path");
    static final Set<String> CSV_KEYS = Set.of("path", "delimiter");

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern DRIVER_CLASS = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+");
    private static final Pattern READ_ONLY_QUERY = Pattern.compile("(?is)\\s*(select|with)\\b.*");

    private EndpointReader() {}

    /** The connection keys {@code type} takes, in addition to the role's own (key, fields, write, …). */
    static Set<String> connectionKeys(StoreType type, boolean source) {
        Set<String> keys = new HashSet<>(switch (type) {
            case MYSQL, MARIADB, POSTGRESQL -> HOST_KEYS;
            case JDBC -> JDBC_KEYS;
            case CSV -> CSV_KEYS;
            case JSONL, PARQUET -> FILE_KEYS;
        });
        if (type.isDatabase()) {
            keys.add("table");
            if (source) {
                keys.add("query");
            }
        }
        return keys;
    }

    /** Every connection key of any type: a key among these but not the type's does not apply, rather than being unknown. */
    static Set<String> allConnectionKeys() {
        Set<String> all = new LinkedHashSet<>();
        for (StoreType type : StoreType.values()) {
            all.addAll(connectionKeys(type, true));
        }
        return all;
    }

    static Endpoint read(Section options, StoreType type, boolean source) {
        if (!type.isDatabase()) {
            String path = options.requiredString("path");
            if (path != null && path.isBlank()) {
                options.problem("path", "must not be blank");
            }
            return new Endpoint(type, null, 0, null, null, null, null, null, Map.of(), null, null, path, delimiter(options));
        }
        String hostname = null;
        int port = 0;
        String database = null;
        String url = null;
        String driver = null;
        if (type.byHostname()) {
            hostname = options.requiredString("hostname");
            if (hostname != null && !HOSTNAME.matcher(hostname).matches()) {
                options.problem("hostname", "'" + hostname + "' is not a host name or address");
            }
            Integer givenPort = options.integer("port", 1, 65535);
            port = givenPort == null ? type.defaultPort() : givenPort;
            database = options.requiredString("database");
            if (database != null && !SqlIdentifiers.isName(database)) {
                options.problem("database", "'" + database + "' is not a database name (" + SqlIdentifiers.RULE + ")");
            }
        } else {
            url = options.requiredString("url");
            if (url != null && !url.startsWith("jdbc:")) {
                options.problem("url", "expected a JDBC URL starting with jdbc:");
            }
            driver = options.string("driver");
            if (driver != null && !DRIVER_CLASS.matcher(driver).matches()) {
                options.problem("driver", "'" + driver + "' is not a Java class name");
            }
        }
        String table = options.string("table");
        String query = readTableOrQuery(options, source, table, source ? options.string("query") : null);
        Map<String, String> properties = options.stringMap("properties");
        return new Endpoint(type, hostname, port, database, options.string("user"), options.string("password"), url,
                driver, properties, table, query, null, ',');
    }

    /** @return the query without a trailing {@code ;}, since DES wraps it in its own statement */
    private static String readTableOrQuery(Section options, boolean source, String table, String query) {
        if (table != null && query != null) {
            options.problem("query", "give either table or query, not both");
        } else if (table == null && query == null && !options.has("table") && !options.has("query")) {
            options.problem("table", source ? "required (or query)" : "required");
        }
        if (table != null && !SqlIdentifiers.isTable(table)) {
            options.problem("table", "'" + table + "' is not a table name (" + SqlIdentifiers.RULE + ", optionally schema.table)");
        }
        if (query != null) {
            String trimmed = query.strip();
            if (trimmed.endsWith(";")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            if (!READ_ONLY_QUERY.matcher(trimmed).matches()) {
                options.problem("query", "must be a read-only SELECT (or WITH … SELECT)");
            } else if (trimmed.contains(";")) {
                options.problem("query", "must be one statement (no ';' inside)");
            } else if (trimmed.contains("?")) {
                options.problem("query", "must have no parameters ('?'); DES adds the run's window itself");
            }
            return trimmed;
        }
        return null;
    }

    private static char delimiter(Section options) {
        String delimiter = options.string("delimiter");
        if (delimiter == null) {
            return ',';
        }
        String unescaped = delimiter.equals("\\t") ? "\t" : delimiter;
        if (unescaped.length() != 1 || unescaped.equals("\"") || unescaped.equals("\n") || unescaped.equals("\r")) {
            options.problem("delimiter", "expected one character other than a quote or a line break, got '" + delimiter + "'");
            return ',';
        }
        return unescaped.charAt(0);
    }
}
