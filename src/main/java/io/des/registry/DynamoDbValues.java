package io.des.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Attribute values to and from the Java values the registry holds. Nulls are left out of items, never stored. */
final class DynamoDbValues {

    private DynamoDbValues() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue instant(Instant value) {
        return s(SortableInstants.format(value));
    }

    /** Adds {@code name} to {@code item} unless {@code value} is null. */
    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        return SortableInstants.parse(string(item, name));
    }

    /**
     * {@code (:from0, :from1, …)} for a condition {@code #state IN …}, binding the name of each of
     * {@code states} into {@code values}.
     */
    static String stateIn(List<? extends Enum<?>> states, Map<String, AttributeValue> values) {
        List<String> placeholders = new ArrayList<>();
        for (Enum<?> state : states) {
            String placeholder = ":from" + placeholders.size();
            values.put(placeholder, s(state.name()));
            placeholders.add(placeholder);
        }
        return "(" + String.join(", ", placeholders) + ")";
    }
}
