package io.des.cli;

import io.des.client.EridStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/** The formats {@code des get} writes. */
enum RowFormat {
    /** A header row, then one row per record; {@code field_status} as a JSON object. */
    CSV,
    /** One JSON object per line, each exactly as the API serves the row. */
    JSONL,
    /** Parquet through the Avro schema of DES's own files ({@code EnrichedAvroSchema}). */
    PARQUET;

    /** The format a file name's ending suggests, or null. */
    static RowFormat ofFileName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (RowFormat format : values()) {
            if (name.endsWith("." + format.name().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        return name.endsWith(".ndjson") ? JSONL : null;
    }

    /**
     * @param status the completed ERID's status: its fields, total and completion time
     * @param tenant the caller's tenant, asked only by the format that stores it
     */
    RowWriter open(Path file, EridStatus status, Supplier<String> tenant) throws IOException {
        return switch (this) {
            case CSV -> new CsvRowWriter(file, status);
            case JSONL -> new JsonLinesRowWriter(file);
            case PARQUET -> new ParquetRowWriter(file, status, tenant.get());
        };
    }
}
