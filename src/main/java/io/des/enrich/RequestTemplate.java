package io.des.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.ContactRecord;
import io.des.model.FieldCatalog;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider's request body (and URL) with placeholders filled per lookup.
 *
 * <p>The template is JSON. A string that is exactly one placeholder is replaced by a JSON value:
 * {@code "${contact}"} by the contact object, {@code "${fields}"} by the array of requested field
 * names, {@code "${contact.<attribute>}"} by the attribute's string (null when the contact lacks
 * it), {@code "${lookup_id}"} by the id under which a bulk call sends the contact (see
 * {@link BulkMode}). Placeholders inside a longer string are replaced by their text ({@code ${fields}}
 * joined with commas). In an endpoint URL, see {@link EndpointTemplate}. Anything else in {@code ${…}} is an error
 * found when the template is built, not at the first request.
 */
public final class RequestTemplate implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern VALID_NAME = Pattern.compile("contact|fields|lookup_id|contact\\.[a-z0-9_]+");

    /** The DES lookup protocol's body, used when a provider declares no template. */
    public static final String DES_PROTOCOL = "{\"contact\": \"${contact}\", \"fields\": \"${fields}\"}";

    /** The DES bulk protocol's per-contact element, used in bulk mode when a provider declares no template. */
    public static final String DES_BULK_ELEMENT =
            "{\"lookup_id\": \"${lookup_id}\", \"contact\": \"${contact}\", \"fields\": \"${fields}\"}";

    private final String text;
    private transient JsonNode parsed;

    /**
     * @param text the template's JSON text
     * @throws IllegalArgumentException if it is not JSON or holds an unknown placeholder
     */
    public RequestTemplate(String text) {
        this.text = Objects.requireNonNull(text, "text");
        this.parsed = parse(text);
        requireKnownPlaceholders(text);
    }

    /** The request body for {@code record} and {@code fields}. */
    public byte[] render(ContactRecord record, List<String> fields) {
        try {
            return MAPPER.writeValueAsBytes(renderNode(record, fields, ""));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    /** The request for {@code record} as JSON, {@code ${lookup_id}} being {@code lookupId}: one element of a bulk call. */
    public JsonNode renderNode(ContactRecord record, List<String> fields, String lookupId) {
        if (parsed == null) {
            parsed = parse(text);
        }
        return fill(parsed.deepCopy(), record, fields, lookupId);
    }

    /** Whether the template sends {@code ${lookup_id}}, which only a bulk call fills. */
    public boolean usesLookupId() {
        return text.contains("${lookup_id}");
    }

    /**
     * Checks that every placeholder of {@code template} is one of the known names.
     *
     * @throws IllegalArgumentException naming the unknown placeholder
     */
    public static void requireKnownPlaceholders(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!VALID_NAME.matcher(matcher.group(1)).matches()) {
                throw new IllegalArgumentException("unknown placeholder ${" + matcher.group(1)
                        + "}: use ${contact}, ${fields}, ${lookup_id} or ${contact.<attribute>}");
            }
        }
    }

    public String text() {
        return text;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isContainerNode()) {
                throw new IllegalArgumentException("template must be a JSON object or array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("template is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode fill(JsonNode node, ContactRecord record, List<String> fields, String lookupId) {
        if (node.isTextual()) {
            Matcher whole = PLACEHOLDER.matcher(node.textValue());
            if (whole.matches()) {
                return valueOf(whole.group(1), record, fields, lookupId);
            }
            return JsonNodeFactory.instance.textNode(interpolate(node.textValue(), record, fields, lookupId, v -> v));
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                member.setValue(fill(member.getValue(), record, fields, lookupId));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), record, fields, lookupId));
            }
        }
        return node;
    }

    private static JsonNode valueOf(String name, ContactRecord record, List<String> fields, String lookupId) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (name.equals("lookup_id")) {
            return nodes.textNode(lookupId);
        }
        if (name.equals("contact")) {
            ObjectNode contact = nodes.objectNode();
            FieldCatalog.lookupAttributes(record.contact).forEach(contact::put);
            return contact;
        }
        if (name.equals("fields")) {
            ArrayNode array = nodes.arrayNode();
            fields.forEach(array::add);
            return array;
        }
        String attribute = FieldCatalog.lookupAttributes(record.contact).get(name.substring("contact.".length()));
        return attribute == null ? nodes.nullNode() : nodes.textNode(attribute);
    }

    /** {@code text} with each placeholder replaced by its value's text, passed through {@code encode}. */
    static String interpolate(String text, ContactRecord record, List<String> fields, String lookupId,
            UnaryOperator<String> encode) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.equals("fields") ? String.join(",", fields)
                    : name.equals("lookup_id") ? lookupId
                    : name.equals("contact") ? FieldCatalog.lookupAttributes(record.contact).toString()
                    : FieldCatalog.lookupAttributes(record.contact).getOrDefault(name.substring("contact.".length()), "");
            matcher.appendReplacement(out, Matcher.quoteReplacement(encode.apply(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestTemplate that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
