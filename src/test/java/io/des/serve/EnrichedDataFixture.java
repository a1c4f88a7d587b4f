package io.des.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ContactRecord;
import io.des.model.EnrichedAvroSchema;
import io.des.model.EnrichedRecord;
import io.des.model.EnrichmentStatus;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.sink.CompactedParquetFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Lays out real Parquet partitions of one tenant under a storage root the way the sink and the
 * publisher do.
 *
 * <p>Records: contact {@code first_name = "First <i>"} and {@code company_name}, fields to enrich
 * {@code phone_number} and {@code job_title}; {@code phone_number = "+1-555-<i>"} is found for even
 * indexes only, {@code job_title} never.
 */
public final class EnrichedDataFixture {

    static final List<String> REQUESTED = List.of("phone_number", "job_title");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String tenant;

    /** Partitions of {@link TenantIds#DEFAULT}, local mode's tenant without a tenants file. */
    EnrichedDataFixture(Path root) {
        this(root, TenantIds.DEFAULT);
    }

    public EnrichedDataFixture(Path root, String tenant) {
        this.root = root;
        this.tenant = tenant;
    }

    /**
     * A published partition as the sink left it before compaction: the records split over {@code
     * files} files (one per checkpoint and subtask), each in arrival order rather than sorted, then
     * {@code _SUCCESS}.
     */
    public void completed(String date, String erid, int numberOfRecords, int files) {
        Path directory = root.resolve(StorageLayout.publishedPartitionPath(tenant, date, erid));
        List<String> names = new ArrayList<>();
        Random arrival = new Random(numberOfRecords);
        for (int file = 0; file < files; file++) {
            String name = "part-" + file + ".parquet";
            int part = file;
            List<Long> indexes = new ArrayList<>(LongStream.range(0, numberOfRecords).filter(i -> i % files == part).boxed().toList());
            Collections.shuffle(indexes, arrival);
            write(directory.resolve(name), date, erid, numberOfRecords, indexes.stream().mapToLong(Long::longValue).toArray());
            names.add(name);
        }
        writeSuccess(directory, date, erid, numberOfRecords, names);
    }

    /**
     * A published partition as publishing leaves it since compaction: one file sorted by {@code
     * record_index}, written by the publisher's own writer ({@link CompactedParquetFiles}: row groups
     * of exactly {@code rowsPerRowGroup} rows, the last one shorter, pages of 1,000 rows, Snappy, page
     * indexes), then {@code _SUCCESS}.
     */
    public void compacted(String date, String erid, int numberOfRecords, int rowsPerRowGroup) {
        Path directory = root.resolve(StorageLayout.publishedPartitionPath(tenant, date, erid));
        String name = CompactedParquetFiles.name(0, numberOfRecords);
        try {
            Files.createDirectories(directory);
            List<GenericRecord> rows = LongStream.range(0, numberOfRecords)
                    .mapToObj(index -> EnrichedAvroSchema.toAvro(record(date, erid, numberOfRecords, index)))
                    .toList();
            CompactedParquetFiles.write(directory.resolve(name), rows, rowsPerRowGroup);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeSuccess(directory, date, erid, numberOfRecords, List.of(name));
    }

    /** An {@code _incomplete} partition with the given committed indexes and a hidden in-progress file. */
    public void incomplete(String date, String erid, int numberOfRecords, long... committedIndexes) {
        Path directory = root.resolve(StorageLayout.incompletePartitionPath(tenant, date, erid));
        if (committedIndexes.length > 0) {
            write(directory.resolve("part-0.parquet"), date, erid, numberOfRecords, committedIndexes);
        }
        writeHiddenInProgressFile(directory);
    }

    /** Publishing under way: some files already moved to the published directory, no marker yet. */
    void midPublish(String date, String erid, int numberOfRecords, long[] moved, long[] notMovedYet) {
        write(root.resolve(StorageLayout.publishedPartitionPath(tenant, date, erid)).resolve("part-0.parquet"),
                date, erid, numberOfRecords, moved);
        write(root.resolve(StorageLayout.incompletePartitionPath(tenant, date, erid)).resolve("part-1.parquet"),
                date, erid, numberOfRecords, notMovedYet);
    }

    /** A Parquet file in the published directory that its {@code _SUCCESS} marker does not list. */
    void unlistedPublishedFile(String date, String erid, int numberOfRecords, long... indexes) {
        write(root.resolve(StorageLayout.publishedPartitionPath(tenant, date, erid)).resolve("stray.parquet"),
                date, erid, numberOfRecords, indexes);
    }

    /** Replaces the published partition's {@code _SUCCESS} marker with {@code json}. */
    void overwriteSuccess(String date, String erid, String json) {
        try {
            Files.writeString(root.resolve(StorageLayout.publishedPartitionPath(tenant, date, erid))
                    .resolve(StorageLayout.SUCCESS_MARKER), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty {@code _incomplete} directory: the ERID's first file is not committed yet. */
    void incompleteWithoutFiles(String date, String erid) {
        try {
            Files.createDirectories(root.resolve(StorageLayout.incompletePartitionPath(tenant, date, erid)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String expectedFirstName(long index) {
        return "First " + index;
    }

    static String expectedPhone(long index) {
        return index % 2 == 0 ? "+1-555-" + index : null;
    }

    private void writeSuccess(Path directory, String date, String erid, long rows, List<String> files) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("tenant", tenant);
        marker.put("erid", erid);
        marker.put("request_date", date);
        marker.put("rows", rows);
        marker.put("files", files);
        marker.put("published_at", "2024-02-09T10:00:00Z");
        try {
            Files.write(directory.resolve(StorageLayout.SUCCESS_MARKER), JSON.writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeHiddenInProgressFile(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(".part-9.inprogress.tmp"), "not parquet");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the sink writes its files: parquet-mr's Avro writer, its defaults (one row group, 1 MB pages). */
    private void write(Path file, String date, String erid, long numberOfRecords, long[] indexes) {
        try {
            Files.createDirectories(file.getParent());
            Configuration conf = new Configuration(false);
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                            HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
                    .withSchema(EnrichedAvroSchema.SCHEMA)
                    .withConf(conf)
                    .build()) {
                for (long index : indexes) {
                    writer.write(EnrichedAvroSchema.toAvro(record(date, erid, numberOfRecords, index)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EnrichedRecord record(String date, String erid, long numberOfRecords, long index) {
        Map<String, String> contact = new LinkedHashMap<>();
        contact.put("first_name", expectedFirstName(index));
        contact.put("company_name", "sayprimer.com");
        ContactRecord input = new ContactRecord(tenant, erid, index, date, numberOfRecords, REQUESTED, contact);
        String phone = expectedPhone(index);
        EnrichedRecord enriched = new EnrichedRecord(input,
                phone == null ? EnrichmentStatus.NOT_FOUND : EnrichmentStatus.ENRICHED,
                phone == null ? "no provider had the requested fields" : null,
                1_707_400_000_000L);
        if (phone != null) {
            enriched.values.put("phone_number", phone);
            enriched.sources.put("phone_number", "sandbox");
            enriched.fieldStatus.put("phone_number", EnrichmentStatus.ENRICHED.wireName());
        } else {
            enriched.fieldStatus.put("phone_number", EnrichmentStatus.NOT_FOUND.wireName());
        }
        enriched.fieldStatus.put("job_title", EnrichmentStatus.NOT_FOUND.wireName());
        return enriched;
    }
}
