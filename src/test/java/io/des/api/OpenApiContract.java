package io.des.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code docs/openapi.yaml} promises, as checks: which routes exist, and whether a real
 * answer's status and body are the documented ones. Schemas are checked as JSON Schema 2020-12 (the
 * dialect of OpenAPI 3.1) by networknt's validator.
 */
final class OpenApiContract {

    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final JsonNode document = OpenApiHandler.document();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** Documented path → methods (upper case). */
    Map<String, Set<String>> routes() {
        Map<String, Set<String>> routes = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> {
            Set<String> methods = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(method -> methods.add(method.toUpperCase(Locale.ROOT)));
            routes.put(path.getKey(), methods);
        });
        return routes;
    }

    /** The statuses the operation itself documents (not the edge's). */
    Set<Integer> documentedStatuses(String method, String path) {
        Set<Integer> statuses = new TreeSet<>();
        operation(method, path).path("responses").fieldNames().forEachRemaining(status -> statuses.add(Integer.parseInt(status)));
        return statuses;
    }

    /** True when the operation declares {@code security: []} (callable without a key). */
    boolean isOpen(String method, String path) {
        JsonNode security = operation(method, path).path("security");
        return security.isArray() && security.isEmpty();
    }

    /**
     * The problems of one real answer against the document: an undocumented status, or a body that
     * does not match the documented schema. Empty when the answer is as documented.
     */
    Set<String> check(String method, String path, int status, JsonNode body) {
        String where = method + " " + path + " " + status;
        String pointer = responsePointer(method, path, status);
        if (pointer == null) {
            return Set.of(where + ": status not documented for the operation nor in x-edge-responses");
        }
        JsonNode response = document.at(pointer);
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
        }
        String schemaPointer = pointer + "/content/application~1json/schema";
        if (document.at(schemaPointer).isMissingNode()) {
            return Set.of(where + ": no JSON schema documented at " + schemaPointer);
        }
        ObjectNode root = document.deepCopy();
        root.put("$schema", DIALECT);
        root.put("$ref", "#" + schemaPointer);
        JsonSchema schema = schemas.getSchema(root);
        return schema.validate(body).stream().map(ValidationMessage::getMessage)
                .map(message -> where + ": " + message).collect(Collectors.toCollection(TreeSet::new));
    }

    private String responsePointer(String method, String path, int status) {
        JsonNode operation = operation(method, path);
        if (operation.path("responses").has(String.valueOf(status))) {
            return "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
        }
        if (document.path("x-edge-responses").has(String.valueOf(status))) {
            return "/x-edge-responses/" + status;
        }
        return null;
    }

    private JsonNode operation(String method, String path) {
        return document.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    /** Every $ref of the document points at something (a broken reference validates nothing). */
    Set<String> brokenReferences() {
        Set<String> broken = new TreeSet<>();
        collectBroken(document, broken);
        return broken;
    }

    private void collectBroken(JsonNode node, Set<String> broken) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && document.at(ref.asText().substring(1)).isMissingNode()) {
                broken.add(ref.asText());
            }
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collectBroken(children.next(), broken);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectBroken(child, broken));
        }
    }
}
