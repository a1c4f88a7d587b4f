package io.des.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration key, declared once with its type, default, unit, bounds and description, in
 * the style of Flink's {@code ConfigOptions.key("…").intType().defaultValue(…)}; the catalogue
 * ({@link Catalogue}) lists them all and {@code docs/configuration.md} is generated from it.
 *
 * <p>A key may hold placeholders in angle brackets, one segment each ({@code provider.<p>.endpoint},
 * {@code waterfall.<field>}): it then stands for every key of that shape, and {@link #at(String...)}
 * gives the key of one instance.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z]+>");
    private static final String SEGMENT = "([A-Za-z0-9_-]+)";

    private final String key;
    private final SettingType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final boolean required;
    private final String unit;
    private final List<Bound<T>> bounds;
    private final String description;
    private final Pattern pattern;

    private Setting(Builder<T> b, String description) {
        this.key = b.key;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.defaultText = b.defaultText;
        this.required = b.required;
        this.unit = b.unit;
        this.bounds = List.copyOf(b.bounds);
        this.description = Objects.requireNonNull(description, "description");
        this.pattern = patternOf(key);
    }

    /** The key with each placeholder as a capturing group of one segment, the rest literal. */
    private static Pattern patternOf(String key) {
        Matcher m = PLACEHOLDER.matcher(key);
        StringBuilder regex = new StringBuilder();
        int literalFrom = 0;
        while (m.find()) {
            regex.append(Pattern.quote(key.substring(literalFrom, m.start()))).append(SEGMENT);
            literalFrom = m.end();
        }
        regex.append(Pattern.quote(key.substring(literalFrom)));
        return Pattern.compile(regex.toString());
    }

    /** Starts declaring {@code key}. */
    public static KeyBuilder key(String key) {
        return new KeyBuilder(key);
    }

    /** The key as declared, placeholders included. */
    public String key() {
        return key;
    }

    /** The key of one instance of a key with placeholders, filled in their order: {@code ENDPOINT.at("acme")}. */
    public String at(String... placeholders) {
        Matcher m = PLACEHOLDER.matcher(key);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(placeholders[i++]));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether the key holds placeholders. */
    public boolean isTemplate() {
        return PLACEHOLDER.matcher(key).find();
    }

    /** Whether {@code actual} is this key, or an instance of it. */
    public boolean matches(String actual) {
        return pattern.matcher(actual).matches();
    }

    /** The values of the placeholders in {@code actual}, which {@link #matches} this key. */
    List<String> placeholdersOf(String actual) {
        Matcher m = pattern.matcher(actual);
        List<String> values = new ArrayList<>();
        if (m.matches()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                values.add(m.group(g));
            }
        }
        return values;
    }

    public SettingType<T> type() {
        return type;
    }

    /** The default; empty for a required key or one whose absence means something (e.g. "no limit"). */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as the reference shows it. */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (required) {
            return "required";
        }
        return defaultValue == null ? "none" : String.valueOf(defaultValue);
    }

    public boolean required() {
        return required;
    }

    public String unit() {
        return unit;
    }

    /** The bounds as the reference shows them, empty when the type is the only rule. */
    public String boundsText() {
        return String.join(", ", bounds.stream().map(Bound::text).toList());
    }

    public String description() {
        return description;
    }

    /** Parses and checks {@code raw}; throws {@link IllegalArgumentException} saying why it is refused. */
    T parse(String raw) {
        T value = type.parse(raw.trim());
        for (Bound<T> bound : bounds) {
            if (!bound.ok().test(value)) {
                throw new IllegalArgumentException("must be " + bound.text());
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return key;
    }

    private record Bound<T>(Predicate<T> ok, String text) {}

    /** The first step of a declaration: the key's type. */
    public static final class KeyBuilder {
        private final String key;

        private KeyBuilder(String key) {
            this.key = key;
        }

        public Builder<Long> wholeNumber() {
            return new Builder<>(key, SettingType.WHOLE_NUMBER);
        }

        public Builder<Double> decimal() {
            return new Builder<>(key, SettingType.DECIMAL);
        }

        public Builder<Boolean> flag() {
            return new Builder<>(key, SettingType.FLAG);
        }

        public Builder<java.time.Duration> duration() {
            return new Builder<>(key, SettingType.DURATION);
        }

        public Builder<String> text() {
            return new Builder<>(key, SettingType.TEXT);
        }

        public Builder<List<String>> list() {
            return new Builder<>(key, SettingType.LIST);
        }

        public Builder<String> oneOf(String... choices) {
            return new Builder<>(key, SettingType.oneOf(choices));
        }

        public <T> Builder<T> of(SettingType<T> type) {
            return new Builder<>(key, type);
        }
    }

    /** The rest of a declaration; {@link #description} ends it. */
    public static final class Builder<T> {
        private final String key;
        private final SettingType<T> type;
        private T defaultValue;
        private String defaultText;
        private boolean required;
        private String unit = "";
        private final List<Bound<T>> bounds = new ArrayList<>();

        private Builder(String key, SettingType<T> type) {
            this.key = key;
            this.type = type;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /** How the reference shows the default, when the value alone does not say it. */
        public Builder<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        /** The key must be given (the loader reports it missing). */
        public Builder<T> required() {
            this.required = true;
            return this;
        }

        public Builder<T> unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** A rule beyond the type, e.g. {@code check(v -> v > 0, "positive")}. */
        public Builder<T> check(Predicate<T> ok, String text) {
            bounds.add(new Bound<>(ok, text));
            return this;
        }

        public Builder<T> atLeast(T min) {
            return check(v -> compare(v, min) >= 0, "at least " + min);
        }

        public Builder<T> between(T min, T max) {
            return check(v -> compare(v, min) >= 0 && compare(v, max) <= 0, "between " + min + " and " + max);
        }

        public Builder<T> above(T min) {
            return check(v -> compare(v, min) > 0, "greater than " + min);
        }

        public Setting<T> description(String description) {
            return new Setting<>(this, description);
        }

        @SuppressWarnings("unchecked")
        private static <T> int compare(T value, T bound) {
            return ((Comparable<T>) value).compareTo(bound);
        }
    }
}
