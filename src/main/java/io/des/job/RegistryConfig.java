package io.des.job;

import io.des.config.ConfigLoader;
import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.JobKeys;
import io.des.config.Setting;
import io.des.registry.DynamoDbRegistryConnector;
import io.des.registry.RegistryConnector;
import io.des.registry.SqliteRegistryConnector;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the {@code DesRegistry} property group (keys in {@link JobKeys}): where the job reports each
 * ERID's committed rows and completion. {@code none} reports nothing, as before the registry
 * existed; local mode passes {@code sqlite.path=<data-dir>/registry.db}, the file its API opens too.
 *
 * A key of the other store is refused: it would be ignored.
 */
final class RegistryConfig {

    static final String GROUP = "DesRegistry";

    private static final Map<String, List<Setting<?>>> KEYS_BY_TYPE = Map.of(
            "none", List.of(),
            "sqlite", List.of(JobKeys.SQLITE_PATH),
            "dynamodb", List.of(JobKeys.DYNAMODB_TABLE, JobKeys.DYNAMODB_REGION, JobKeys.DYNAMODB_ENDPOINT));

    private RegistryConfig() {}

    /** The configured connector; every problem goes to {@code problems} (the caller then refuses the whole configuration). */
    static RegistryConnector from(Properties group, ConfigProblems problems) {
        ConfigValues values = ConfigLoader.load(JobKeys.REGISTRY, group, problems);
        String type = values.get(JobKeys.REGISTRY_TYPE);
        for (Map.Entry<String, List<Setting<?>>> other : KEYS_BY_TYPE.entrySet()) {
            if (!other.getKey().equals(type)) {
                other.getValue().stream().filter(values::isSet).forEach(setting ->
                        problems.add(JobKeys.REGISTRY, setting.key(), "does not apply to type " + type));
            }
        }
        return switch (type) {
            case "sqlite" -> new SqliteRegistryConnector(required(values, JobKeys.SQLITE_PATH, type, problems));
            case "dynamodb" -> new DynamoDbRegistryConnector(required(values, JobKeys.DYNAMODB_TABLE, type, problems),
                    required(values, JobKeys.DYNAMODB_REGION, type, problems),
                    values.find(JobKeys.DYNAMODB_ENDPOINT).map(Object::toString).orElse(null));
            default -> RegistryConnector.none();
        };
    }

    private static String required(ConfigValues values, Setting<String> setting, String type, ConfigProblems problems) {
        String value = values.raw(setting.key());
        if (value == null || value.isBlank()) {
            problems.add(JobKeys.REGISTRY, setting.key(), "is required when type is " + type);
            return "";
        }
        return value;
    }
}
