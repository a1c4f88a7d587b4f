package io.des.job;

import io.des.registry.DynamoDbRegistryConnector;
import io.des.registry.RegistryConnector;
import io.des.registry.SqliteRegistryConnector;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code DesRegistry} property group: where the job reports each ERID's committed rows and
 * completion (defaults in brackets).
 *
 * <ul>
 *   <li>{@code type} (none | sqlite | dynamodb) [none]: none reports nothing, as before the
 *       registry existed (tests, runs that do not need it);
 *   <li>{@code sqlite.path}: the database file, required with sqlite (local mode passes {@code
 *       <data-dir>/registry.db}, the file its API opens too);
 *   <li>{@code dynamodb.table}, {@code dynamodb.region}: required with dynamodb; {@code
 *       dynamodb.endpoint}: an {@code http(s)://} URL, only to reach an emulator or a private
 *       endpoint; without it the region's endpoint is used.
 * </ul>
 *
 * A key of the other store, or one the group does not know, is refused: it would be ignored.
 */
final class RegistryConfig {

    static final String GROUP = "DesRegistry";

    private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.of(
            "none", Set.of("type"),
            "sqlite", Set.of("type", "sqlite.path"),
            "dynamodb", Set.of("type", "dynamodb.table", "dynamodb.region", "dynamodb.endpoint"));

    private RegistryConfig() {}

    /** The configured connector; every problem goes to {@code problems} (the caller then refuses the whole configuration). */
    static RegistryConnector from(Properties group, List<String> problems) {
        String type = group.getProperty("type", "none").trim().toLowerCase(Locale.ROOT);
        Set<String> keys = KEYS_BY_TYPE.get(type);
        if (keys == null) {
            problems.add(GROUP + ".type must be none, sqlite or dynamodb, got: " + group.getProperty("type"));
            return RegistryConnector.none();
        }
        for (String key : new TreeSet<>(group.stringPropertyNames())) {
            if (!keys.contains(key)) {
                problems.add(GROUP + "." + key + (isKnown(key) ? " does not apply to type " + type
                        : " is not a key of " + GROUP + " (known: type, sqlite.path, dynamodb.table, dynamodb.region, "
                                + "dynamodb.endpoint)"));
            }
        }
        return switch (type) {
            case "sqlite" -> new SqliteRegistryConnector(required(group, "sqlite.path", type, problems));
            case "dynamodb" -> new DynamoDbRegistryConnector(required(group, "dynamodb.table", type, problems),
                    required(group, "dynamodb.region", type, problems), endpoint(group, problems));
            default -> RegistryConnector.none();
        };
    }

    private static boolean isKnown(String key) {
        return KEYS_BY_TYPE.values().stream().anyMatch(keys -> keys.contains(key));
    }

    private static String required(Properties group, String key, String type, List<String> problems) {
        String value = group.getProperty(key);
        if (value == null || value.isBlank()) {
            problems.add(GROUP + "." + key + " is required when type is " + type);
            return "";
        }
        return value.trim();
    }

    private static String endpoint(Properties group, List<String> problems) {
        String raw = group.getProperty("dynamodb.endpoint");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(raw.trim());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(GROUP + ".dynamodb.endpoint must be an http(s):// URL, got: " + raw);
        return null;
    }
}
