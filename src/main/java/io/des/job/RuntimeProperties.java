package io.des.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the application's property groups: from Managed Service for Apache Flink's runtime
 * properties when running there, from a local JSON file of the same shape otherwise
 * ({@code [{"PropertyGroupId": "...", "PropertyMap": {...}}]}, as the AWS console exports it).
 */
public final class RuntimeProperties {

    private RuntimeProperties() {}

    /** The managed application's groups, as configured on the Managed Flink application. */
    public static Map<String, Properties> managed() throws IOException {
        return KinesisAnalyticsRuntime.getApplicationProperties();
    }

    /** Groups from a local file in the Managed Flink JSON shape. */
    public static Map<String, Properties> fromFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("cannot read property groups from " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of {\"PropertyGroupId\", \"PropertyMap\"}");
        }
        Map<String, Properties> groups = new HashMap<>();
        for (JsonNode group : root) {
            JsonNode id = group.get("PropertyGroupId");
            JsonNode map = group.get("PropertyMap");
            if (id == null || !id.isTextual() || map == null || !map.isObject()) {
                throw new IllegalArgumentException(file + ": every group needs a PropertyGroupId string and a PropertyMap object");
            }
            Properties properties = new Properties();
            for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                properties.setProperty(entry.getKey(), entry.getValue().asText());
            }
            groups.put(id.textValue(), properties);
        }
        return groups;
    }
}
