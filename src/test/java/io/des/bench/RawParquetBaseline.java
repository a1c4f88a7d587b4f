package io.des.bench;

import io.des.enrich.AttemptedLookup;
import io.des.enrich.EnrichedRecords;
import io.des.enrich.LookupResult;
import io.des.model.ContactRecord;
import io.des.model.EnrichedAvroSchema;
import io.des.model.EnrichedRecord;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * The floor the pipeline is compared with: the same records, enriched by the same in-process
 * lookup and converted to the same Avro rows, written by one bare {@code AvroParquetWriter} on one
 * thread, with the writer defaults the sink's factory uses. No source, state, network or commit.
 */
final class RawParquetBaseline {

    private RawParquetBaseline() {}

    /** Writes {@code records} rows to {@code file} and returns rows per second. */
    static double recordsPerSecond(String erid, long records, Path file) throws IOException {
        long start = System.nanoTime();
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
                .withSchema(EnrichedAvroSchema.SCHEMA)
                .build()) {
            for (long i = 0; i < records; i++) {
                ContactRecord record = SyntheticContacts.record(erid, i, records);
                LookupResult found = LookupResult.found(ZeroLatencyProviderSpec.answer(record.contact, record.fieldsToEnrich));
                EnrichedRecord enriched = EnrichedRecords.fromLookup(
                        record, record.fieldsToEnrich, new AttemptedLookup(found, 1), "in-process", System.currentTimeMillis());
                writer.write(EnrichedAvroSchema.toAvro(enriched));
            }
        }
        return records / ((System.nanoTime() - start) / 1e9);
    }
}
