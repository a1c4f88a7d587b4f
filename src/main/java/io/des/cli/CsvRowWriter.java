package io.des.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.des.client.EridStatus;
import io.des.model.EnrichedAvroSchema;
import io.des.model.FieldCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rows as CSV with one fixed set of columns for the whole file, known before the first row: {@code
 * erid}, {@code request_date}, {@code record_index}, every contact field (a row leaves the ones its
 * contact did not give empty), each requested field and its {@code _source}, {@code field_status}
 * (a JSON object, since its keys vary with the request), {@code enrichment_status} and {@code
 * enrichment_reason}.
 */
final class CsvRowWriter implements RowWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELD_STATUS = "field_status";

    private final List<String> columns;
    private final SequenceWriter out;

    CsvRowWriter(Path file, EridStatus status) throws IOException {
        columns = columns(status.fieldsToBeEnriched());
        CsvSchema schema = CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING).setUseHeader(true).build();
        out = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writerFor(String[].class).with(schema)
                .writeValues(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    static List<String> columns(List<String> requested) {
        List<String> columns = new ArrayList<>(List.of("erid", "request_date", "record_index"));
        columns.addAll(FieldCatalog.CONTACT_FIELDS);
        List<String> enriched = FieldCatalog.ENRICHABLE_FIELDS.stream().filter(requested::contains).toList();
        columns.addAll(enriched);
        enriched.forEach(field -> columns.add(field + EnrichedAvroSchema.SOURCE_SUFFIX));
        columns.addAll(List.of(FIELD_STATUS, "enrichment_status", "enrichment_reason"));
        return columns;
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.get(columns.get(i));
            values[i] = value == null ? "" : columns.get(i).equals(FIELD_STATUS) ? JSON.writeValueAsString(value) : value.toString();
        }
        out.write(values);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
