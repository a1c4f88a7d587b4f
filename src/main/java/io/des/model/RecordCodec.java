package io.des.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wire format of a {@link ContactRecord} on the broker (Kinesis or the embedded one): one JSON
 * object per message,
 *
 * <pre>{"tenant":…,"erid":…,"record_index":…,"request_date":…,"number_of_records":…,"fields_to_enrich":[…],"contact":{…},
 *  "enrichment_weight":…}</pre>
 *
 * <p>{@code enrichment_weight} is optional (producers other than the ingest API may leave it out).
 *
 * <p>JSON rather than a binary format because operators read it with the AWS console and CLI, and
 * producers other than the ingest API (the pull flow, backfills) can write it without our code.
 * {@link #decode} checks shape and types only; the business rules live in the job's validator.
 */
public final class RecordCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordCodec() {}

    public static byte[] encode(ContactRecord record) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("tenant", record.tenant);
        node.put("erid", record.erid);
        node.put("record_index", record.recordIndex);
        node.put("request_date", record.requestDate);
        node.put("number_of_records", record.numberOfRecords);
        ArrayNode fields = node.putArray("fields_to_enrich");
        record.fieldsToEnrich.forEach(fields::add);
        ObjectNode contact = node.putObject("contact");
        record.contact.forEach(contact::put);
        if (record.enrichmentWeight != 0) {
            node.put("enrichment_weight", record.enrichmentWeight);
        }
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode record " + record, e);
        }
    }

    /**
     * Parses one message.
     *
     * @throws MalformedRecordException with a reason naming the offending member
     */
    public static ContactRecord decode(byte[] message) throws MalformedRecordException {
        JsonNode node;
        try {
            node = MAPPER.readTree(message);
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedRecordException("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRecordException("not a JSON object");
        }
        ContactRecord record = new ContactRecord();
        record.tenant = requireText(node, "tenant");
        record.erid = requireText(node, "erid");
        record.recordIndex = requireLong(node, "record_index");
        record.requestDate = requireText(node, "request_date");
        record.numberOfRecords = requireLong(node, "number_of_records");
        record.fieldsToEnrich = requireStrings(node, "fields_to_enrich");
        record.contact = requireStringMap(node, "contact");
        record.enrichmentWeight = optionalInt(node, "enrichment_weight");
        return record;
    }

    /** For messages that must be shown (dead letters) and may not be UTF-8. */
    public static String asText(byte[] message) {
        return new String(message, StandardCharsets.UTF_8);
    }

    private static JsonNode require(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = node.get(name);
        if (member == null || member.isNull()) {
            throw new MalformedRecordException("missing " + name);
        }
        return member;
    }

    private static String requireText(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = require(node, name);
        if (!member.isTextual()) {
            throw new MalformedRecordException(name + " must be a string");
        }
        return member.textValue();
    }

    private static long requireLong(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = require(node, name);
        if (!member.isIntegralNumber() || !member.canConvertToLong()) {
            throw new MalformedRecordException(name + " must be an integer");
        }
        return member.longValue();
    }

    /** The member's value, or 0 when it is absent or null. */
    private static int optionalInt(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = node.get(name);
        if (member == null || member.isNull()) {
            return 0;
        }
        if (!member.isIntegralNumber() || !member.canConvertToInt()) {
            throw new MalformedRecordException(name + " must be an integer");
        }
        return member.intValue();
    }

    private static List<String> requireStrings(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = require(node, name);
        if (!member.isArray()) {
            throw new MalformedRecordException(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(member.size());
        for (JsonNode element : member) {
            if (!element.isTextual()) {
                throw new MalformedRecordException(name + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Map<String, String> requireStringMap(JsonNode node, String name) throws MalformedRecordException {
        JsonNode member = require(node, name);
        if (!member.isObject()) {
            throw new MalformedRecordException(name + " must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = member.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new MalformedRecordException(name + "." + entry.getKey() + " must be a string");
            }
            values.put(entry.getKey(), entry.getValue().textValue());
        }
        return values;
    }

    /** A message that is not a well-formed record; the message is the reason for the dead letter. */
    public static final class MalformedRecordException extends Exception {
        public MalformedRecordException(String reason) {
            super(reason);
        }
    }
}
