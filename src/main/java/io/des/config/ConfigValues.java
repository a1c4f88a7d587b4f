package io.des.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked values of one group, as {@link ConfigLoader} read them: a key that was given and
 * valid has its value, any other its default. Rules across keys (a key required only with another)
 * stay with the group's owner, which reports them to the same {@link ConfigProblems}.
 */
public final class ConfigValues {

    private final SettingGroup group;
    private final Map<String, String> raw;
    private final Map<String, Object> parsed;

    ConfigValues(SettingGroup group, Map<String, String> raw, Map<String, Object> parsed) {
        this.group = group;
        this.raw = new LinkedHashMap<>(raw);
        this.parsed = new LinkedHashMap<>(parsed);
    }

    public SettingGroup group() {
        return group;
    }

    /** The value of {@code setting} (filled with {@code placeholders}), else its default, else empty. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting, String... placeholders) {
        String key = setting.at(placeholders);
        if (parsed.containsKey(key)) {
            return Optional.of((T) parsed.get(key));
        }
        return setting.defaultValue();
    }

    /** The value, or its default; for a setting that has a default or is required (else it throws). */
    public <T> T get(Setting<T> setting, String... placeholders) {
        return find(setting, placeholders).orElseThrow(() -> new IllegalStateException(
                group.qualified(setting.at(placeholders)) + " has no value and no default"));
    }

    /** Whether the key was given (valid or not). */
    public boolean isSet(Setting<?> setting, String... placeholders) {
        return raw.containsKey(setting.at(placeholders));
    }

    /** The text given for {@code key}, trimmed; null when absent. */
    public String raw(String key) {
        String value = raw.get(key);
        return value == null ? null : value.trim();
    }

    /** Every key given, in the group's own spelling. */
    public Set<String> keys() {
        return raw.keySet();
    }

    /**
     * The placeholder values of every given instance of {@code setting} whose leading placeholders
     * are {@code leading}: e.g. the fields of {@code provider.<p>.response.<field>} given for {@code acme}.
     */
    public List<String> instances(Setting<?> setting, String... leading) {
        List<String> found = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (setting.matches(key)) {
                List<String> values = setting.placeholdersOf(key);
                if (values.subList(0, leading.length).equals(List.of(leading))) {
                    found.add(values.get(leading.length));
                }
            }
        }
        return found;
    }
}
