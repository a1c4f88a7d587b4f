package io.des.config;

import java.util.List;
import java.util.Optional;

/**
 * A set of keys read together: a Managed Flink property group ({@code DesSink}), the API service's
 * environment variables, or {@code run-local.sh}'s flags.
 *
 * @param name the group's name, as configuration spells it ({@code DesSink}); for the environment
 *     and the flags, a name for the reference
 * @param kind where its keys are written, which also decides how a problem names its key
 * @param summary one sentence for the reference
 * @param settings its keys
 * @param passThrough key prefixes handed on, unchecked, to another library (e.g. the Kinesis
 *     consumer's {@code aws.} and {@code flink.}); for the environment, unknown variables outside
 *     {@code DES_} are not DES's and are ignored
 */
public record SettingGroup(String name, Kind kind, String summary, List<Setting<?>> settings, List<String> passThrough) {

    /** Where a group's keys are written. */
    public enum Kind {
        /** A Managed Flink property group: problems read {@code DesSink.root.uri …}. */
        PROPERTY_GROUP,
        /** Environment variables: problems name the variable alone. */
        ENVIRONMENT,
        /** Command-line flags: problems name the flag alone. */
        FLAGS
    }

    public SettingGroup {
        settings = List.copyOf(settings);
        passThrough = List.copyOf(passThrough);
    }

    /** The setting {@code key} is an instance of, if any. */
    public Optional<Setting<?>> settingOf(String key) {
        return settings.stream().filter(s -> s.matches(key)).findFirst().map(s -> (Setting<?>) s);
    }

    /** How a suggestion names {@code key}: {@code DesSink.root.uri}, {@code DES_API_PORT}, {@code --port}. */
    public String qualified(String key) {
        return kind == Kind.PROPERTY_GROUP ? name + "." + key : key;
    }

    /**
     * How a problem names {@code key}: as {@link #qualified}, except that a key of one provider
     * ({@code provider.<p>.…}) names the provider first, {@code DesEnrich: provider 'acme':
     * 'provider.acme.rps'}, since with several providers that is what one looks for first.
     */
    String named(String key) {
        Optional<Setting<?>> setting = settingOf(key);
        if (kind == Kind.PROPERTY_GROUP && setting.isPresent() && setting.get().key().startsWith("provider.<p>.")) {
            return name + ": provider '" + setting.get().placeholdersOf(key).get(0) + "': '" + key + "'";
        }
        if (kind == Kind.PROPERTY_GROUP && setting.isEmpty() && key.matches("provider\\.[^.]+\\..+")) {
            return name + ": provider '" + key.split("\\.")[1] + "': '" + key + "'";
        }
        return qualified(key);
    }

    /** Whether an undeclared {@code key} is handed on to another library and passes unchecked. */
    boolean passesThrough(String key) {
        return passThrough.stream().anyMatch(key::startsWith);
    }

    /**
     * Whether an undeclared {@code key} is DES's, so a typo: every key of a property group or flag,
     * but only the {@code DES_} variables of an environment that holds everyone's.
     */
    boolean isOurs(String key) {
        return kind != Kind.ENVIRONMENT || key.startsWith("DES_");
    }
}
