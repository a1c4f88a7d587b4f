package io.des.pipeline.config;

import io.des.config.NearestName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * One mapping of a pipeline file, read with its path: every wrong type, missing key, unknown key
 * or unset variable becomes a problem named by its path and reading goes on, so a file is
 * reported whole. Absent optional values read as null.
 */
final class Section {

    private final ObjectNode node;
    private final String path;
    private final Problems problems;
    private final EnvSecrets secrets;

    Section(ObjectNode node, String path, Problems problems, EnvSecrets secrets) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.secrets = secrets;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(pathOf(key), message);
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    /** Refuses every key not in {@code known}, suggesting the nearest known one. */
    void allowOnly(Collection<String> known) {
        allowOnly(known, List.of(), "");
    }

    /**
     * Refuses every key not in {@code known}: one of {@code elsewhere} "does not apply to" {@code
     * context}, any other is unknown, with the nearest known key suggested.
     */
    void allowOnly(Collection<String> known, Collection<String> elsewhere, String context) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && elsewhere.contains(name)) {
                problem(name, "does not apply to " + context);
            } else if (!known.contains(name)) {
                problem(name, "unknown key" + NearestName.among(name, known)
                        .map(near -> "; did you mean '" + near + "'?")
                        .orElse("; known keys: " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The mapping under {@code key}; an empty one (reading as absent values) when it is missing or not a mapping. */
    Section section(String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                problem(key, "required");
            }
        } else if (!value.isObject()) {
            problem(key, "expected a mapping of keys to values, got " + describe(value));
        } else {
            return new Section((ObjectNode) value, pathOf(key), problems, secrets);
        }
        return new Section(JsonNodeFactory.instance.objectNode(), pathOf(key), problems, secrets);
    }

    String string(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : text(value, pathOf(key));
    }

    String requiredString(String key) {
        String value = string(key);
        if (value == null && !has(key)) {
            problem(key, "required");
        }
        return value;
    }

    Integer integer(String key, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode number = value;
        if (value.isTextual()) {
            String resolved = text(value, pathOf(key));
            if (resolved == null) {
                return null;
            }
            try {
                number = JsonNodeFactory.instance.numberNode(Long.parseLong(resolved.trim()));
            } catch (NumberFormatException e) {
                problem(key, "expected an integer, got '" + resolved + "'");
                return null;
            }
        }
        if (!number.isIntegralNumber() || !number.canConvertToLong()) {
            problem(key, "expected an integer, got " + describe(value));
            return null;
        }
        if (number.longValue() < min || number.longValue() > max) {
            problem(key, "expected an integer from " + min + " to " + max + ", got " + number.longValue());
            return null;
        }
        return number.intValue();
    }

    /** A list of texts; a single text reads as a list of one. Null when absent. */
    List<String> strings(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            String single = text(value, pathOf(key));
            return single == null ? List.of() : List.of(single);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String element = text(value.get(i), pathOf(key) + "[" + i + "]");
            if (element != null) {
                values.add(element);
            }
        }
        return values;
    }

    /** A mapping of texts to texts, in file order. Null when absent. */
    Map<String, String> stringMap(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(key, "expected a mapping such as {column: name}, got " + describe(value));
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            String text = text(entry.getValue(), pathOf(key) + "." + entry.getKey());
            if (text != null) {
                values.put(entry.getKey(), text);
            }
        });
        return values;
    }

    /** One of an enum's constants, written in lower case; {@code fallback} when absent. */
    <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        String value = string(key);
        if (value == null) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String name = constant.name().toLowerCase(Locale.ROOT);
            if (name.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return constant;
            }
            names.add(name);
        }
        problem(key, "'" + value + "' is not one of " + String.join(" | ", names)
                + NearestName.among(value, names).map(near -> "; did you mean '" + near + "'?").orElse(""));
        return fallback;
    }

    private String text(JsonNode value, String at) {
        if (value.isTextual() || value.isNumber()) {
            try {
                return secrets.resolve(value.asText());
            } catch (IllegalArgumentException e) {
                problems.add(at, e.getMessage());
                return null;
            }
        }
        problems.add(at, "expected text, got " + describe(value));
        return null;
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        if (value.isBoolean()) {
            return "a boolean (" + value.asText() + ")";
        }
        return value.isTextual() ? "text '" + value.asText() + "'" : value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
    }
}
