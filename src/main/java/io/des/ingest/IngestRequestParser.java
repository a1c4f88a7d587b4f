package io.des.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ErrorCode;
import io.des.model.Erids;
import io.des.model.FieldCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a request body into an {@link IngestRequest}, or throws an {@link ApiException} naming the
 * first problem found: {@code invalid_json} when the body is not a JSON object (empty, bad syntax,
 * duplicate member, another type), {@code invalid_field} with {@code field} for a member at fault,
 * {@code too_many_contacts} for a contact list over the limit.
 *
 * <p>Rules beyond the obvious types:
 *
 * <ul>
 *   <li>Contact keys and field names are normalised with {@link FieldCatalog#normalise}; two keys of
 *       one contact that normalise to the same name are rejected as ambiguous, repeated fields
 *       are silently de-duplicated.
 *   <li>Contact values must be JSON strings or {@code null}. Numbers and booleans are rejected
 *       rather than converted, because no contact field is numeric and a converted {@code 1e3}
 *       would silently differ from what the client meant. Values are trimmed; {@code null} and
 *       blank values are dropped; a contact left with no value is rejected.
 *   <li>Unknown top-level members are rejected, so that a misspelt optional member such as
 *       {@code ofset} is not silently ignored.
 *   <li>Duplicate members in one JSON object are rejected.
 * </ul>
 */
public final class IngestRequestParser {

    static final String ERID = "erid";
    static final String CONTACT_LIST = "contact_list";
    static final String FIELDS = "fields_to_be_enriched";
    static final String NUMBER_OF_RECORDS = "number_of_records";
    static final String OFFSET = "offset";
    static final String CALLBACK_URL = "callback_url";
    static final String METADATA = "metadata";
    /** Metadata is echoed in every history answer and webhook: kept small on purpose. */
    public static final int MAX_METADATA_BYTES = 4096;
    static final int MAX_CALLBACK_URL_LENGTH = 2048;
    private static final Set<String> MEMBERS =
            Set.of(ERID, CONTACT_LIST, FIELDS, NUMBER_OF_RECORDS, OFFSET, CALLBACK_URL, METADATA);

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final IngestLimits limits;

    public IngestRequestParser(IngestLimits limits) {
        this.limits = limits;
    }

    /**
     * Validates and normalises {@code body}.
     *
     * @throws ApiException naming the first problem
     */
    public IngestRequest parse(byte[] body) {
        JsonNode root = readJson(body);
        rejectUnknownMembers(root);
        String erid = parseErid(root.get(ERID));
        long numberOfRecords = parseNumberOfRecords(root.get(NUMBER_OF_RECORDS));
        long offset = parseOffset(root.get(OFFSET));
        List<String> fields = parseFields(root.get(FIELDS));
        List<Map<String, String>> contacts = parseContacts(root.get(CONTACT_LIST));
        if (offset + contacts.size() > numberOfRecords) {
            throw invalidField(OFFSET, "offset " + offset + " + " + contacts.size()
                    + " contacts = " + (offset + contacts.size()) + " exceeds number_of_records " + numberOfRecords);
        }
        return new IngestRequest(erid, contacts, fields, numberOfRecords, offset,
                parseCallbackUrl(root.get(CALLBACK_URL)), parseMetadata(root.get(METADATA)));
    }

    private static String parseCallbackUrl(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > MAX_CALLBACK_URL_LENGTH) {
            throw invalidField(CALLBACK_URL, "callback_url must be a URL of at most " + MAX_CALLBACK_URL_LENGTH + " characters");
        }
        return node.textValue().trim();
    }

    private static String parseMetadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw invalidField(METADATA, "metadata must be a JSON object, got " + describe(node));
        }
        String compact = node.toString();
        if (compact.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_METADATA_BYTES) {
            throw invalidField(METADATA, "metadata must be at most " + MAX_METADATA_BYTES + " bytes of JSON");
        }
        return compact;
    }

    private static JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            throw invalidJson("request body is empty; expected a JSON object");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonParseException e) {
            throw invalidJson("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalidJson("request body is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw invalidJson("request body is empty; expected a JSON object");
        }
        if (!root.isObject()) {
            throw invalidJson("request body must be a JSON object, got " + describe(root));
        }
        return root;
    }

    private static void rejectUnknownMembers(JsonNode root) {
        Set<String> unknown = new TreeSet<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw invalidField(String.join(",", unknown),
                    "unknown member(s) " + unknown + "; allowed: " + new TreeSet<>(MEMBERS));
        }
    }

    private static String parseErid(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalidField(ERID, "erid is required");
        }
        if (!node.isTextual()) {
            throw invalidField(ERID, "erid must be a UUID string, got " + describe(node));
        }
        String erid = Erids.canonical(node.textValue());
        if (!Erids.isValid(erid)) {
            throw invalidField(ERID, "erid must be a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");
        }
        return erid;
    }

    private long parseNumberOfRecords(JsonNode node) {
        if (node == null || node.isNull()) {
            throw invalidField(NUMBER_OF_RECORDS, "number_of_records is required");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw invalidField(NUMBER_OF_RECORDS, "number_of_records must be a positive integer, got " + node);
        }
        if (node.longValue() > limits.maxNumberOfRecords()) {
            throw invalidField(NUMBER_OF_RECORDS, "number_of_records " + node.longValue()
                    + " exceeds the limit of " + limits.maxNumberOfRecords());
        }
        return node.longValue();
    }

    private static long parseOffset(JsonNode node) {
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalidField(OFFSET, "offset must be a non-negative integer, got " + node);
        }
        return node.longValue();
    }

    private static List<String> parseFields(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw invalidField(FIELDS, "fields_to_be_enriched must be a non-empty array of field names; allowed: "
                    + FieldCatalog.ENRICHABLE_FIELDS);
        }
        Set<String> fields = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            String path = FIELDS + "[" + i + "]";
            if (!element.isTextual()) {
                throw invalidField(path, path + " must be a string, got " + describe(element));
            }
            String name = FieldCatalog.normalise(element.textValue());
            if (!FieldCatalog.isEnrichableField(name)) {
                throw invalidField(path, "unknown field '" + element.textValue() + "'; allowed: "
                        + FieldCatalog.ENRICHABLE_FIELDS);
            }
            fields.add(name);
        }
        return List.copyOf(fields);
    }

    private List<Map<String, String>> parseContacts(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw invalidField(CONTACT_LIST, "contact_list must be a non-empty array of objects");
        }
        if (node.size() > limits.maxContactsPerRequest()) {
            throw new ApiException(ApiError.field(ErrorCode.TOO_MANY_CONTACTS, CONTACT_LIST, "contact_list has " + node.size() + " contacts; at most "
                    + limits.maxContactsPerRequest() + " per request: split it into several requests using offset"));
        }
        List<Map<String, String>> contacts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            contacts.add(parseContact(node.get(i), CONTACT_LIST + "[" + i + "]"));
        }
        return contacts;
    }

    /**
     * One contact as the API takes it: keys normalised and checked, values trimmed, blanks dropped.
     * Public so that a file of contacts is checked by the same rule before it is sent ({@code des submit}).
     *
     * @param path how messages name the contact, e.g. {@code contact_list[3]}
     * @throws ApiException {@code invalid_field} naming the attribute at fault
     */
    public static Map<String, String> parseContact(JsonNode node, String path) {
        if (!node.isObject()) {
            throw invalidField(path, path + " must be an object, got " + describe(node));
        }
        Map<String, String> contact = new LinkedHashMap<>();
        Set<String> seenKeys = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String key = FieldCatalog.normalise(member.getKey());
            String memberPath = path + "." + member.getKey();
            if (!FieldCatalog.isContactField(key)) {
                throw invalidField(memberPath, "unknown contact attribute '" + member.getKey()
                        + "'; allowed: " + FieldCatalog.CONTACT_FIELDS);
            }
            if (!seenKeys.add(key)) {
                throw invalidField(memberPath, path + " has several attributes that normalise to '" + key + "'");
            }
            JsonNode value = member.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw invalidField(memberPath, memberPath + " must be a string or null, got " + describe(value));
            }
            String text = value.textValue().trim();
            if (!text.isEmpty()) {
                contact.put(key, text);
            }
        }
        if (FieldCatalog.lookupAttributes(contact).isEmpty()) {
            throw invalidField(path, path + " has no non-blank attribute to look up; give at least one of "
                    + FieldCatalog.CONTACT_FIELDS.stream().filter(FieldCatalog::isLookupAttribute).toList());
        }
        return contact;
    }

    private static ApiException invalidJson(String message) {
        return new ApiException(ApiError.of(ErrorCode.INVALID_JSON, message));
    }

    private static ApiException invalidField(String field, String message) {
        return new ApiException(ApiError.field(ErrorCode.INVALID_FIELD, field, message));
    }

    private static String describe(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
