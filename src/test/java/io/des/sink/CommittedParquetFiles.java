package io.des.sink;

import io.des.model.ContactRecord;
import io.des.model.EnrichedAvroSchema;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
import io.des.model.FieldCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Committed files of a partition as the sink writes them (Flink's Avro Parquet writer, {@link
 * EnrichedAvroSchema}), holding chosen record indexes; and rows read back with parquet-mr's own
 * reader, independently of the publisher's code.
 */
final class CommittedParquetFiles {

    static final String DATE = "2026-11-21";

    private CommittedParquetFiles() {}

    /** A sink-named file in {@code directory} holding {@code indexes}, in that order. */
    static CommittedFile write(Path directory, String tenant, String erid, long numberOfRecords, LongStream indexes)
            throws IOException {
        return write(directory, tenant, erid, numberOfRecords, indexes.toArray());
    }

    static CommittedFile write(Path directory, String tenant, String erid, long numberOfRecords, long... indexes)
            throws IOException {
        Files.createDirectories(directory);
        String name = "part-" + UUID.randomUUID() + "-0-0.parquet";
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(directory.resolve(name).toUri());
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<GenericRecord> parquet = AvroParquetWriters.forGenericRecord(EnrichedAvroSchema.SCHEMA).create(out);
            for (long index : indexes) {
                parquet.addElement(EnrichedAvroSchema.toAvro(record(tenant, erid, index, numberOfRecords)));
            }
            parquet.finish();
        }
        return new CommittedFile(name, indexes.length);
    }

    /**
     * A file as the sink wrote it before the quality columns ({@code <field>_confidence},
     * {@code <field>_status}, {@code providers_called}) were added: today's rows without them.
     */
    static CommittedFile writeBeforeQualityColumns(Path directory, String tenant, String erid, long numberOfRecords,
            long... indexes) throws IOException {
        List<Schema.Field> older = new ArrayList<>();
        for (Schema.Field field : EnrichedAvroSchema.SCHEMA.getFields()) {
            String name = field.name();
            boolean quality = FieldCatalog.ENRICHABLE_FIELDS.stream().anyMatch(f -> name.equals(f + EnrichedAvroSchema.CONFIDENCE_SUFFIX)
                    || name.equals(f + EnrichedAvroSchema.STATUS_SUFFIX));
            if (!quality && !name.equals(EnrichedAvroSchema.PROVIDERS_CALLED)) {
                older.add(new Schema.Field(field, field.schema()));
            }
        }
        Schema schema = Schema.createRecord(EnrichedAvroSchema.SCHEMA.getName(), null,
                EnrichedAvroSchema.SCHEMA.getNamespace(), false, older);
        Files.createDirectories(directory);
        String name = "part-" + UUID.randomUUID() + "-0-0.parquet";
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(directory.resolve(name).toUri());
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<GenericRecord> parquet = AvroParquetWriters.forGenericRecord(schema).create(out);
            for (long index : indexes) {
                GenericRecord today = EnrichedAvroSchema.toAvro(record(tenant, erid, index, numberOfRecords));
                GenericData.Record row = new GenericData.Record(schema);
                older.forEach(field -> row.put(field.name(), today.get(field.name())));
                parquet.addElement(row);
            }
            parquet.finish();
        }
        return new CommittedFile(name, indexes.length);
    }

    /** The row of {@code index}: its values derive from the index, so that a test can check them. */
    static EnrichedRecord record(String tenant, String erid, long index, long numberOfRecords) {
        ContactRecord contact = new ContactRecord(tenant, erid, index, DATE, numberOfRecords,
                List.of("professional_email"), Map.of("first_name", "Ada" + index, "last_name", "Lovelace"));
        EnrichedRecord enriched = new EnrichedRecord(contact, EnrichmentStatus.ENRICHED, null, 1_700_000_000_000L + index);
        enriched.values.put("professional_email", "ada" + index + "@example.com");
        enriched.sources.put("professional_email", "sandbox");
        enriched.fieldStatus.put("professional_email", "found");
        enriched.confidence.put("professional_email", index / 1000.0);
        enriched.verification.put("professional_email", "valid");
        enriched.providersAsked.put("professional_email", List.of("cheap", "sandbox"));
        return enriched;
    }

    /** Every row of {@code file}, in file order. */
    static List<GenericRecord> rowsOf(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        HadoopInputFile input = HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration());
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(input).build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
