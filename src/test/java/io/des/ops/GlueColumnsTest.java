package io.des.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.model.EnrichedAvroSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The Glue table of the infrastructure template ({@code infra/}, a build of its own) declares its
 * columns in a resource file; this checks them against the Parquet files' schema, so that a field
 * added to {@link EnrichedAvroSchema} fails here until Athena can see it too.
 */
class GlueColumnsTest {

    private static final Path COLUMNS = Path.of("infra/src/main/resources/io/des/infra/enriched_data-columns.tsv");
    private static final Set<String> PARTITION_KEYS = Set.of("tenant", "request_date", "erid");

    @Test
    void glueColumnsAreTheSchemasFieldsInOrderWithHiveTypes() throws IOException {
        List<String> expected = new ArrayList<>();
        for (Schema.Field field : EnrichedAvroSchema.SCHEMA.getFields()) {
            if (!PARTITION_KEYS.contains(field.name())) {
                expected.add(field.name() + "\t" + hiveType(field.schema()));
            }
        }
        List<String> declared = Files.readAllLines(COLUMNS).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        assertEquals(expected, declared);
    }

    private static String hiveType(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return hiveType(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow());
        }
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return "timestamp";
        }
        return switch (schema.getType()) {
            case STRING -> "string";
            case LONG -> "bigint";
            case INT -> "int";
            case DOUBLE -> "double";
            case ARRAY -> "array<" + hiveType(schema.getElementType()) + ">";
            case MAP -> "map<string," + hiveType(schema.getValueType()) + ">";
            default -> throw new IllegalArgumentException("no Hive type for " + schema);
        };
    }
}
