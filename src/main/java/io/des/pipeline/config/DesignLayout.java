package io.des.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The design document writes a mapping as a list of single-key mappings
 * ({@code dataSource: [- type: mysql, - extraOptions: [- hostname: …]]}). This turns every such
 * list into the mapping it stands for, so both layouts are read by one reader; a key written twice
 * in such a list is a problem, as it would be in a mapping.
 */
final class DesignLayout {

    private DesignLayout() {}

    static JsonNode toMappings(JsonNode node, String path, Problems problems) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                entry.setValue(toMappings(entry.getValue(), join(path, entry.getKey()), problems));
            }
            return object;
        }
        if (node instanceof ArrayNode array && !array.isEmpty() && allSingleKeyMappings(array)) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            for (JsonNode element : array) {
                Map.Entry<String, JsonNode> only = element.fields().next();
                if (merged.has(only.getKey())) {
                    problems.add(join(path, only.getKey()), "written twice");
                }
                merged.set(only.getKey(), toMappings(only.getValue(), join(path, only.getKey()), problems));
            }
            return merged;
        }
        return node;
    }

    private static boolean allSingleKeyMappings(ArrayNode array) {
        for (JsonNode element : array) {
            if (!element.isObject() || element.size() != 1) {
                return false;
            }
        }
        return true;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
