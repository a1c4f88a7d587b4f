package io.des.serve;

import io.des.model.EnrichedAvroSchema;
import io.des.model.FieldCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a stored row into the row the API returns, the same for every query engine.
 *
 * <p>The response row holds, in this order: {@code erid}, {@code request_date}, {@code
 * record_index}; the contact fields the request gave (non-null); every requested enrichable field
 * (null when it was not found, so a consumer can tell "asked, not found" from "not asked"), plus any
 * other enrichable field that has a value; {@code <field>_source} for those same enrichable fields;
 * {@code field_status}, {@code enrichment_status} and {@code enrichment_reason}. Contact and
 * enrichable columns that are null and were neither given nor requested are left out, so a row
 * looks like the contact that was sent plus what was asked for, as in the seed's example. {@code
 * number_of_records} is reported once per response (progress), and {@code fields_to_enrich} and
 * {@code enriched_at} are internal bookkeeping, so they are not repeated per row.
 *
 * <p>Input: a map from stored column name to value, where {@code record_index} is a number, {@code
 * fields_to_enrich} a collection of field names and {@code field_status} a map.
 */
public final class EnrichedRowShaper {

    private EnrichedRowShaper() {}

    /** The response row for one stored row. */
    public static Map<String, Object> shape(Map<String, ?> stored) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("erid", stored.get("erid"));
        row.put("request_date", stored.get("request_date"));
        row.put("record_index", toLong(stored.get("record_index")));
        for (String field : FieldCatalog.CONTACT_FIELDS) {
            Object value = stored.get(field);
            if (value != null) {
                row.put(field, value);
            }
        }
        Set<String> shown = enrichableFieldsShown(stored);
        for (String field : shown) {
            row.put(field, stored.get(field));
        }
        for (String field : shown) {
            String sourceColumn = field + EnrichedAvroSchema.SOURCE_SUFFIX;
            row.put(sourceColumn, stored.get(sourceColumn));
        }
        Object fieldStatus = stored.get("field_status");
        row.put("field_status", fieldStatus == null ? Map.of() : fieldStatus);
        row.put("enrichment_status", stored.get("enrichment_status"));
        row.put("enrichment_reason", stored.get("enrichment_reason"));
        return row;
    }

    private static Set<String> enrichableFieldsShown(Map<String, ?> stored) {
        Set<String> requested = new LinkedHashSet<>();
        Object fieldsToEnrich = stored.get("fields_to_enrich");
        if (fieldsToEnrich instanceof Collection<?> names) {
            for (Object name : names) {
                requested.add(String.valueOf(name));
            }
        }
        Set<String> shown = new LinkedHashSet<>();
        // Catalog order rather than request order, so that every row of a response has the same shape.
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            if (requested.contains(field) || stored.get(field) != null) {
                shown.add(field);
            }
        }
        return shown;
    }

    private static Long toLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        return Long.parseLong(value.toString());
    }

    /** The stored columns a row is shaped from; engines that select explicitly select these. */
    public static List<String> storedColumns() {
        List<String> columns = new ArrayList<>(List.of("erid", "request_date", "record_index"));
        columns.addAll(FieldCatalog.CONTACT_FIELDS);
        columns.addAll(FieldCatalog.ENRICHABLE_FIELDS);
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            columns.add(field + EnrichedAvroSchema.SOURCE_SUFFIX);
        }
        columns.addAll(List.of("fields_to_enrich", "field_status", "enrichment_status", "enrichment_reason"));
        return List.copyOf(columns);
    }
}
