package io.des.cli;

import io.des.client.EridStatus;
import io.des.model.EnrichedAvroSchema;
import io.des.model.FieldCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Rows as one Parquet file of the same Avro schema as DES's own files ({@link EnrichedAvroSchema}),
 * so that whatever reads those reads this. The API's rows leave out what every row of an ERID
 * shares; it comes from the ERID's status instead: {@code tenant}, {@code number_of_records},
 * {@code fields_to_enrich}, and {@code enriched_at}, which the API does not serve per row and is
 * set to the ERID's completion time (no record was enriched later).
 */
final class ParquetRowWriter implements RowWriter {

    private final ParquetWriter<GenericRecord> out;
    private final EridStatus status;
    private final String tenant;

    ParquetRowWriter(Path file, EridStatus status, String tenant) throws IOException {
        this.status = status;
        this.tenant = tenant;
        this.out = AvroParquetWriter.<GenericRecord>builder(new NioOutputFile(file))
                .withSchema(EnrichedAvroSchema.SCHEMA)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build();
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        GenericData.Record record = new GenericData.Record(EnrichedAvroSchema.SCHEMA);
        record.put("tenant", tenant);
        record.put("erid", row.get("erid"));
        record.put("request_date", row.get("request_date"));
        record.put("record_index", ((Number) row.get("record_index")).longValue());
        record.put("number_of_records", status.numberOfRecords());
        for (String field : FieldCatalog.CONTACT_FIELDS) {
            record.put(field, row.get(field));
        }
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            record.put(field, row.get(field));
            record.put(field + EnrichedAvroSchema.SOURCE_SUFFIX, row.get(field + EnrichedAvroSchema.SOURCE_SUFFIX));
        }
        record.put("fields_to_enrich", status.fieldsToBeEnriched());
        record.put("field_status", row.getOrDefault("field_status", Map.of()));
        record.put("enrichment_status", row.get("enrichment_status"));
        record.put("enrichment_reason", row.get("enrichment_reason"));
        record.put("enriched_at", status.completedAt().toEpochMilli());
        out.write(record);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A local file as Parquet's output, without Hadoop's file systems. */
    private record NioOutputFile(Path file) implements OutputFile {

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            return stream(StandardOpenOption.CREATE_NEW);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return stream(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        }

        private PositionOutputStream stream(StandardOpenOption... options) throws IOException {
            OutputStream target = new java.io.BufferedOutputStream(Files.newOutputStream(file, options), 1 << 16);
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    target.write(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    target.write(bytes, offset, length);
                    position += length;
                }

                @Override
                public void flush() throws IOException {
                    target.flush();
                }

                @Override
                public void close() throws IOException {
                    target.close();
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
