package io.des.pipeline.load;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.OutputColumns;
import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.StoreType;
import io.des.pipeline.config.WriteMode;
import io.des.pipeline.window.Watermark;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/**
 * A CSV or Parquet destination: a directory. The load job writes a run's part files into a hidden
 * directory beside the results ({@code .des-<pipeline>-run<n>}); the commit renames them to
 * {@code <pipeline>-run<n>-part<k>.<ext>} (after removing the pipeline's earlier files for
 * {@code replace}). Names are fixed by the run, so a commit interrupted and done again ends the
 * same way: a run's files are there once. Other files in the directory are never touched.
 */
public final class FileDestination implements Destination {

    private final Endpoint endpoint;
    private final WriteMode write;
    private final String pipeline;
    private final long runNumber;
    private final List<String> columns;

    public FileDestination(PipelineFile pipeline, long runNumber) {
        this.endpoint = pipeline.destination().endpoint();
        this.write = pipeline.destination().write();
        this.pipeline = pipeline.name();
        this.runNumber = runNumber;
        this.columns = OutputColumns.of(pipeline);
    }

    private String extension() {
        return endpoint.type() == StoreType.CSV ? ".csv" : ".parquet";
    }

    private Path runDir() {
        return new Path(endpoint.path(), ".des-" + pipeline + "-run" + runNumber);
    }

    private String runPrefix() {
        return String.format(Locale.ROOT, "%s-run%06d-part", pipeline, runNumber);
    }

    /** An empty directory for the run's part files; every column is text. */
    @Override
    public List<ColumnType> prepare() throws IOException {
        FileSystem fs = runDir().getFileSystem();
        fs.delete(runDir(), true);
        fs.mkdirs(runDir());
        return columns.stream().map(ColumnType::text).toList();
    }

    @Override
    public void sink(DataStream<OutputRow> rows, String[] columns) {
        OutputFileConfig names = OutputFileConfig.builder().withPartPrefix("part").withPartSuffix(extension()).build();
        if (endpoint.type() == StoreType.CSV) {
            rows.sinkTo(FileSink.forBulkFormat(runDir(), CsvBulkWriter.factory(columns, endpoint.delimiter()))
                    .withBucketAssigner(new BasePathBucketAssigner<>()).withOutputFileConfig(names).build())
                    .name("destination-files").uid("destination-files");
            return;
        }
        TypeInformation<GenericRecord> type = new GenericRecordAvroTypeInfo(ParquetRows.schema(columns));
        rows.map(new ParquetRows(columns)).returns(type).name("parquet-rows").uid("parquet-rows")
                .sinkTo(FileSink.forBulkFormat(runDir(), AvroParquetWriters.forGenericRecord(ParquetRows.schema(columns)))
                        .withBucketAssigner(new BasePathBucketAssigner<>()).withOutputFileConfig(names).build())
                .name("destination-files").uid("destination-files");
    }

    /** Files keep no state: the run ledger holds a file destination's watermark. */
    @Override
    public Optional<DestinationState.Committed> committed() {
        return Optional.empty();
    }

    /** Publishes the run's part files under their final names (the watermark goes to the run ledger). */
    @Override
    public void commit(long run, String erid, Watermark watermark, Instant now) throws IOException {
        publish();
    }

    List<Path> publish() throws IOException {
        FileSystem fs = runDir().getFileSystem();
        Path dir = new Path(endpoint.path());
        String ownPrefix = pipeline + "-run";
        for (FileStatus existing : fs.listStatus(dir)) {
            String name = existing.getPath().getName();
            boolean thisRun = name.startsWith(runPrefix());
            boolean earlierRun = name.startsWith(ownPrefix) && name.contains("-part") && name.endsWith(extension());
            if (!existing.isDir() && (thisRun || (write == WriteMode.REPLACE && earlierRun))) {
                fs.delete(existing.getPath(), false);
            }
        }
        List<Path> parts = new ArrayList<>();
        for (FileStatus part : fs.listStatus(runDir())) {
            if (!part.isDir() && !part.getPath().getName().startsWith(".")) {
                parts.add(part.getPath());
            }
        }
        parts.sort(null);
        List<Path> published = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Path target = new Path(dir, runPrefix() + i + extension());
            if (!fs.rename(parts.get(i), target)) {
                throw new IOException("cannot move " + parts.get(i) + " to " + target);
            }
            published.add(target);
        }
        fs.delete(runDir(), true);
        return published;
    }
}
