package io.des.sink;

import io.des.model.ContactRecord;
import io.des.model.EnrichedAvroSchema;
import io.des.model.EnrichedRecord;
import io.des.model.StorageLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.metrics.Counter;
import org.apache.parquet.avro.AvroParquetWriter;

/**
 * Writes enriched records into one in-progress Parquet file per partition (tenant, request date,
 * ERID) and hands the files over as committables at every checkpoint, each with its row count and,
 * per requested field, how its rows fared ({@link FieldTally}).
 *
 * <p>The writer keeps no state: every open file is finished and closed for commit in {@link
 * #prepareCommit()}, which runs before each checkpoint barrier is forwarded, so at a checkpoint
 * nothing is in progress. Records written after the last checkpoint are replayed by the source on
 * recovery; the files they went to are never committed (on S3 an abandoned multipart upload, on
 * a local disk a hidden {@code .part-….inprogress…} file that the publisher removes with the
 * {@code _incomplete} directory).
 *
 * <p>File names carry a random id per writer instance, so a restarted writer never reuses the name
 * of a file that an earlier attempt committed.
 */
final class EnrichedParquetWriter implements CommittingSinkWriter<EnrichedRecord, PartitionFileCommittable> {

    private final Path root;
    private final RecoverableWriter fileWriter;
    private final SimpleVersionedSerializer<RecoverableWriter.CommitRecoverable> recoverableSerializer;
    private final BulkWriter.Factory<GenericRecord> parquetFactory;
    private final Counter recordsWritten;
    private final String fileNamePrefix;
    private final Map<Partition, InProgressFile> openFiles = new LinkedHashMap<>();
    private long nextFileSequence;

    EnrichedParquetWriter(Path root, RecoverableWriter fileWriter, int subtaskId, Counter recordsWritten) {
        this.root = root;
        this.fileWriter = fileWriter;
        this.recoverableSerializer = fileWriter.getCommitRecoverableSerializer();
        this.parquetFactory = committedFileWriters();
        this.recordsWritten = recordsWritten;
        this.fileNamePrefix = "part-" + UUID.randomUUID() + "-" + subtaskId + "-";
    }

    /**
     * Columns whose values are nearly all distinct: a dictionary for them is built only to be
     * dropped for plain encoding once it fills, which was most of the sink's Parquet cost
     * (docs/benchmarks.md, issue 14). Repeated columns (tenant, ERID, statuses, sources) keep theirs.
     */
    static final List<String> DISTINCT_PER_ROW = List.of("record_index", "enriched_at", "first_name", "last_name",
            "full_name", "email", "source_key", "professional_email", "personal_email", "phone_number", "mobile_phone",
            "linkedin_url");

    /**
     * The committed files are read once, by the compaction at publish, and then deleted; nothing
     * serves them, so they may trade the compacted files' encoding for less CPU. The compacted
     * files, which are served, keep Parquet's defaults.
     */
    private static BulkWriter.Factory<GenericRecord> committedFileWriters() {
        return new ParquetWriterFactory<>(out -> {
            AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter.<GenericRecord>builder(out)
                    .withSchema(EnrichedAvroSchema.SCHEMA)
                    .withDataModel(GenericData.get());
            DISTINCT_PER_ROW.forEach(column -> builder.withDictionaryEncoding(column, false));
            return builder.build();
        });
    }

    @Override
    public void write(EnrichedRecord element, Context context) throws IOException {
        ContactRecord record = element.record;
        Partition partition = new Partition(record.tenant, record.requestDate, record.erid);
        InProgressFile file = openFiles.get(partition);
        if (file == null) {
            file = openFile(partition, record.numberOfRecords);
            openFiles.put(partition, file);
        }
        file.parquet.addElement(EnrichedAvroSchema.toAvro(element));
        file.rows++;
        file.countFields(element.fieldStatus, element.providersAsked);
        recordsWritten.inc();
    }

    private InProgressFile openFile(Partition partition, long numberOfRecords) throws IOException {
        // The layout validates tenant, date and ERID: nothing unvalidated becomes a path segment.
        String directory = StorageLayout.incompletePartitionPath(
                partition.tenant(), partition.requestDate(), partition.erid());
        Path path = new Path(new Path(root, directory), fileNamePrefix + nextFileSequence++ + StorageLayout.PARQUET_EXTENSION);
        RecoverableFsDataOutputStream stream = fileWriter.open(path);
        try {
            return new InProgressFile(partition, numberOfRecords, path, stream, parquetFactory.create(stream));
        } catch (IOException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing buffered outside the open files; prepareCommit, which always follows, closes them.
    }

    @Override
    public Collection<PartitionFileCommittable> prepareCommit() throws IOException {
        List<PartitionFileCommittable> committables = new ArrayList<>(openFiles.size());
        for (InProgressFile file : openFiles.values()) {
            file.parquet.finish();
            RecoverableWriter.CommitRecoverable recoverable = file.stream.closeForCommit().getRecoverable();
            committables.add(new PartitionFileCommittable(
                    file.partition.tenant(),
                    file.partition.requestDate(),
                    file.partition.erid(),
                    file.numberOfRecords,
                    file.rows,
                    file.fieldCounts,
                    file.path.toString(),
                    recoverableSerializer.getVersion(),
                    recoverableSerializer.serialize(recoverable)));
        }
        openFiles.clear();
        return committables;
    }

    @Override
    public void close() throws Exception {
        // Files still open here were never handed to a checkpoint: abandon them (see class doc).
        Exception first = null;
        for (InProgressFile file : openFiles.values()) {
            try {
                file.stream.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        openFiles.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Where a record goes: its ERID's partition; the map key of the open files. */
    private record Partition(String tenant, String requestDate, String erid) {}

    /** One open file; all its rows belong to one partition. */
    private static final class InProgressFile {
        final Partition partition;
        final long numberOfRecords;
        final Path path;
        final RecoverableFsDataOutputStream stream;
        final BulkWriter<GenericRecord> parquet;
        final Map<String, FieldTally> fieldCounts = new HashMap<>();
        long rows;

        InProgressFile(Partition partition, long numberOfRecords, Path path,
                RecoverableFsDataOutputStream stream, BulkWriter<GenericRecord> parquet) {
            this.partition = partition;
            this.numberOfRecords = numberOfRecords;
            this.path = path;
            this.stream = stream;
            this.parquet = parquet;
        }

        /** Tallied here, where every row passes once, so that completion needs no scan of the files. */
        void countFields(Map<String, String> fieldStatus, Map<String, List<String>> providersAsked) {
            fieldStatus.forEach((field, status) -> fieldCounts.computeIfAbsent(field, f -> new FieldTally())
                    .count(status, providersAsked.getOrDefault(field, List.of())));
        }
    }
}
