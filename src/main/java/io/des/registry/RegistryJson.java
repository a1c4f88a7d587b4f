package io.des.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.FieldCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values the stores keep as JSON text: field counts (both stores: written once, read whole),
 * and in SQLite, which has no list type, the requested fields and the delivery attempts.
 */
final class RegistryJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, FieldCounts>> FIELD_COUNTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private RegistryJson() {}

    /** {@code {"professional_email":{"found":3,"not_found":0,"failed":0,"of":3}}}, fields in name order. */
    static String fieldCounts(Map<String, FieldCounts> counts) {
        return write(new TreeMap<>(counts));
    }

    static Map<String, FieldCounts> fieldCounts(String json) {
        return read(json, FIELD_COUNTS);
    }

    static String strings(List<String> values) {
        return write(values);
    }

    static List<String> strings(String json) {
        return read(json, STRINGS);
    }

    /** One attempt as an object, to append to the array {@link #attempts(String)} reads. */
    static String attempt(WebhookDelivery.DeliveryAttempt attempt) {
        ObjectNode node = JSON.createObjectNode()
                .put("at", SortableInstants.format(attempt.at()))
                .put("outcome", attempt.outcome())
                .put("succeeded", attempt.succeeded());
        return node.toString();
    }

    static List<WebhookDelivery.DeliveryAttempt> attempts(String json) {
        ArrayNode array = read(json, new TypeReference<>() {});
        List<WebhookDelivery.DeliveryAttempt> attempts = new ArrayList<>(array.size());
        array.forEach(node -> attempts.add(new WebhookDelivery.DeliveryAttempt(
                SortableInstants.parse(node.path("at").asText(null)),
                node.path("outcome").asText(null),
                node.path("succeeded").asBoolean())));
        return attempts;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write registry JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the registry holds malformed JSON: " + json, e);
        }
    }
}
