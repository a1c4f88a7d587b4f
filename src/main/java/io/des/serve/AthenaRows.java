package io.des.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts an Athena result row (every value a string, null for SQL NULL) into the typed stored
 * row {@link EnrichedRowShaper} expects: numbers for {@code record_index} and {@code
 * number_of_records}, parsed JSON for {@code fields_to_enrich} and {@code field_status}.
 */
public final class AthenaRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private AthenaRows() {}

    /**
     * @param columns the result's column names
     * @param values one row's values, in column order
     * @throws QueryEngineException if a value does not have the column's type
     */
    public static Map<String, Object> toStoredRow(List<String> columns, List<String> values) {
        if (columns.size() != values.size()) {
            throw new QueryEngineException("Athena row has " + values.size() + " values for " + columns.size() + " columns");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), typed(columns.get(i), values.get(i)));
        }
        return row;
    }

    private static Object typed(String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return switch (column) {
                case "record_index", "number_of_records" -> Long.parseLong(value);
                case "fields_to_enrich" -> JSON.readValue(value, STRING_LIST);
                case "field_status" -> JSON.readValue(value, STRING_MAP);
                default -> value;
            };
        } catch (IOException | NumberFormatException e) {
            throw new QueryEngineException("Athena returned an unexpected value for " + column, e);
        }
    }
}
