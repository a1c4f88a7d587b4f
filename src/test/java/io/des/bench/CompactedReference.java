package io.des.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.EnrichedAvroSchema;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * The {@code pipeline_cpu} ERID as a compacted partition (issue 11, item 2) lays it out: the same
 * rows, one file sorted by {@code record_index} in row groups of {@value #ROWS_PER_ROW_GROUP} rows
 * (one serving page), the sink's writer defaults otherwise, and {@code _SUCCESS}. {@code serving}
 * measures it next to what publishing left, so the figures show both layouts whichever one
 * publishing writes today.
 */
final class CompactedReference {

    static final int ROWS_PER_ROW_GROUP = 1_000;
    private static final String FILE = "part-compacted.parquet";

    private CompactedReference() {}

    /** Writes the partition under the storage root {@code storage}. */
    static void write(Path storage, String erid, long records) throws IOException {
        Path partition = Files.createDirectories(storage.resolve(
                StorageLayout.publishedPartitionPath(TenantIds.DEFAULT, SyntheticContacts.REQUEST_DATE, erid)));
        Configuration conf = new Configuration(false);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(partition.resolve(FILE).toUri()), conf))
                .withSchema(EnrichedAvroSchema.SCHEMA)
                .withConf(conf)
                // parquet-mr 1.13 sizes row groups in bytes only: a 1-byte target with the size check
                // pinned to every N rows closes a row group at exactly N rows.
                .withRowGroupSize(1L)
                .withMinRowCountForPageSizeCheck(ROWS_PER_ROW_GROUP)
                .withMaxRowCountForPageSizeCheck(ROWS_PER_ROW_GROUP)
                .build()) {
            for (long i = 0; i < records; i++) {
                writer.write(RawParquetBaseline.row(erid, i, records));
            }
        }
        Files.write(partition.resolve(StorageLayout.SUCCESS_MARKER), new ObjectMapper().writeValueAsBytes(Map.of(
                "tenant", TenantIds.DEFAULT, "erid", erid, "request_date", SyntheticContacts.REQUEST_DATE,
                "rows", records, "files", List.of(FILE))));
    }
}
