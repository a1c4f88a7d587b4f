package io.des.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a bulk call: JSON with one placeholder {@code ${contacts}} replaced by the array of
 * per-contact requests, each built by the provider's {@link RequestTemplate}, e.g.
 * {@code {"contacts": ${contacts}}}. The placeholder may be written bare or quoted
 * ({@code "${contacts}"}); any other placeholder is an error found when the template is built.
 */
public final class BulkRequestTemplate implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONTACTS = "${contacts}";
    private static final Pattern BARE_CONTACTS = Pattern.compile("(?<!\")\\$\\{contacts}(?!\")");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final String text;
    private transient JsonNode parsed;

    /**
     * @param text the template's text
     * @throws IllegalArgumentException if it is not JSON, lacks {@code ${contacts}} or holds another placeholder
     */
    public BulkRequestTemplate(String text) {
        this.text = Objects.requireNonNull(text, "text");
        Matcher placeholders = PLACEHOLDER.matcher(text);
        int contacts = 0;
        while (placeholders.find()) {
            if (!placeholders.group(1).equals("contacts")) {
                throw new IllegalArgumentException("unknown placeholder ${" + placeholders.group(1)
                        + "}: a bulk template holds only ${contacts}");
            }
            contacts++;
        }
        if (contacts != 1) {
            throw new IllegalArgumentException("must hold ${contacts} exactly once, found it " + contacts + " times");
        }
        this.parsed = parse(text);
    }

    /** The body sending {@code contacts}, the per-contact requests in order. */
    byte[] render(List<JsonNode> contacts) {
        if (parsed == null) {
            parsed = parse(text);
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        contacts.forEach(array::add);
        try {
            return MAPPER.writeValueAsBytes(fill(parsed.deepCopy(), array));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode bulk request", e);
        }
    }

    public String text() {
        return text;
    }

    private static JsonNode parse(String text) {
        String quoted = BARE_CONTACTS.matcher(text).replaceAll(Matcher.quoteReplacement("\"" + CONTACTS + "\""));
        try {
            JsonNode node = MAPPER.readTree(quoted);
            if (node == null || !node.isContainerNode()) {
                throw new IllegalArgumentException("bulk template must be a JSON object or array");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bulk template is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode fill(JsonNode node, ArrayNode contacts) {
        if (node.isTextual() && node.textValue().equals(CONTACTS)) {
            return contacts;
        }
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                member.setValue(fill(member.getValue(), contacts));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), contacts));
            }
        }
        return node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BulkRequestTemplate that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
