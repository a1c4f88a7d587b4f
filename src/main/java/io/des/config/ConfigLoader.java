package io.des.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The one reader of configuration: checks every key of a group against the catalogue, parses and
 * bounds each value with its {@link Setting}, reports every problem (unknown keys with the nearest
 * known one, values that do not parse or are out of bounds, required keys missing) to one {@link
 * ConfigProblems}, and hands back the values.
 */
public final class ConfigLoader {

    private ConfigLoader() {}

    /** Loads {@code group} from properties. */
    public static ConfigValues load(SettingGroup group, Properties properties, ConfigProblems problems) {
        return load(group, toMap(properties), problems, key -> false);
    }

    /** Loads {@code group} from properties, keeping {@code alsoAllowed} keys (see below). */
    public static ConfigValues load(SettingGroup group, Properties properties, ConfigProblems problems,
            Predicate<String> alsoAllowed) {
        return load(group, toMap(properties), problems, alsoAllowed);
    }

    /** Loads {@code group} from a map (environment variables, flags). */
    public static ConfigValues load(SettingGroup group, Map<String, String> values, ConfigProblems problems) {
        return load(group, values, problems, key -> false);
    }

    /**
     * Loads {@code group}.
     *
     * @param alsoAllowed undeclared keys that some other declared key makes legitimate (a provider
     *     written in Java receives its own keys); they are kept unchecked
     */
    public static ConfigValues load(SettingGroup group, Map<String, String> values, ConfigProblems problems,
            Predicate<String> alsoAllowed) {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String key : new TreeSet<>(values.keySet())) {
            String raw = values.get(key);
            Setting<?> setting = group.settingOf(key).orElse(null);
            if (setting == null) {
                if (group.passesThrough(key) || alsoAllowed.test(key)) {
                    given.put(key, raw);
                } else if (group.isOurs(key)) {
                    problems.add(group, key, "is not a known key" + NearestKey.to(key, group)
                            .map(near -> " (did you mean " + group.qualified(near) + "?)")
                            .orElse(" of " + group.name()));
                }
                continue;
            }
            given.put(key, raw);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            try {
                parsed.put(key, setting.parse(raw));
            } catch (IllegalArgumentException e) {
                problems.add(group, key, e.getMessage() + ", got: " + raw.trim());
            }
        }
        for (Setting<?> setting : group.settings()) {
            String raw = given.get(setting.key());
            if (setting.required() && !setting.isTemplate() && (raw == null || raw.isBlank())) {
                problems.add(group, setting.key(), "is required");
            }
        }
        return new ConfigValues(group, given, parsed);
    }

    private static Map<String, String> toMap(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }
}
