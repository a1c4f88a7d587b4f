package io.des.pipeline.fetch;

import io.des.pipeline.config.Endpoint;
import io.des.pipeline.config.StoreType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.formats.parquet.avro.AvroParquetReaders;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * A file source: one CSV, JSON Lines or Parquet file, or every visible file of a directory (names
 * starting with {@code .} or {@code _} are skipped, as Flink does), each read whole by one reader.
 * Planning checks that the files exist and have every column the pipeline reads, so a wrong path
 * or header fails the run before any work.
 */
public final class FileRows implements RowSource {

    private final StoreType type;
    private final String path;
    private final String[] columns;
    private final char delimiter;
    private final String parquetSchema;
    private final int files;

    private FileRows(StoreType type, String path, String[] columns, char delimiter, String parquetSchema, int files) {
        this.type = type;
        this.path = path;
        this.columns = columns;
        this.delimiter = delimiter;
        this.parquetSchema = parquetSchema;
        this.files = files;
    }

    public static FileRows plan(Endpoint source, ContactShape shape) throws IOException {
        List<Path> files = files(new Path(source.path()));
        String schema = null;
        for (Path file : files) {
            List<String> names = switch (source.type()) {
                case CSV -> csvHeader(file, source.delimiter());
                case PARQUET -> {
                    Schema avro = parquetSchema(file);
                    schema = schema == null ? avro.toString() : schema;
                    yield avro.getFields().stream().map(Schema.Field::name).toList();
                }
                default -> null; // JSON Lines: a member missing on a line is a NULL value
            };
            for (String column : shape.columns()) {
                if (names != null && !names.contains(column)) {
                    throw new IOException(file + " has no column '" + column + "' (it has " + names + ")");
                }
            }
        }
        return new FileRows(source.type(), source.path(), shape.columns(), source.delimiter(), schema, files.size());
    }

    /** The files of a file source as {@code name:length:modified} lines: what changes when they do. */
    public static String fingerprint(Endpoint source) throws IOException {
        StringBuilder fingerprint = new StringBuilder();
        for (Path file : files(new Path(source.path()))) {
            FileStatus status = file.getFileSystem().getFileStatus(file);
            fingerprint.append(file.getName()).append(':').append(status.getLen()).append(':').append(status.getModificationTime()).append('\n');
        }
        return fingerprint.toString();
    }

    static List<Path> files(Path root) throws IOException {
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            throw new IOException(root + " does not exist");
        }
        List<Path> files = new ArrayList<>();
        FileStatus status = fs.getFileStatus(root);
        if (!status.isDir()) {
            files.add(root);
        } else {
            for (FileStatus child : fs.listStatus(root)) {
                String name = child.getPath().getName();
                if (!child.isDir() && !name.startsWith(".") && !name.startsWith("_")) {
                    files.add(child.getPath());
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException(root + " holds no file to read");
        }
        files.sort(null);
        return files;
    }

    private static List<String> csvHeader(Path file, char delimiter) throws IOException {
        try (InputStream in = file.getFileSystem().open(file);
                var rows = CsvRowFormat.rows(in, delimiter)) {
            if (!rows.hasNextValue()) {
                throw new IOException(file + " is empty; a CSV source starts with a header row");
            }
            return Arrays.asList(rows.nextValue());
        }
    }

    private static Schema parquetSchema(Path file) throws IOException {
        org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath, new org.apache.hadoop.conf.Configuration()))) {
            return new AvroSchemaConverter().convert(reader.getFooter().getFileMetaData().getSchema());
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable Parquet file: " + e.getMessage(), e);
        }
    }

    /** Files this source reads; each is one split. */
    public int files() {
        return files;
    }

    @Override
    public DataStream<SourceRow> rows(StreamExecutionEnvironment env) {
        int parallelism = Math.max(1, Math.min(files, env.getParallelism()));
        if (type == StoreType.PARQUET) {
            Schema schema = new Schema.Parser().parse(parquetSchema);
            StreamFormat<GenericRecord> format = AvroParquetReaders.forGenericRecord(schema);
            return env.fromSource(FileSource.forRecordStreamFormat(format, new Path(path)).build(), WatermarkStrategy.noWatermarks(),
                            "source-rows")
                    .returns(new GenericRecordAvroTypeInfo(schema)).uid("source-rows").setParallelism(parallelism)
                    .map(new ParquetValues(columns)).returns(TypeInformation.of(SourceRow.class)).name("parquet-values")
                    .uid("parquet-values").setParallelism(parallelism);
        }
        StreamFormat<SourceRow> format = type == StoreType.CSV ? new CsvRowFormat(columns, delimiter) : new JsonLinesRowFormat(columns);
        return env.fromSource(FileSource.forRecordStreamFormat(format, new Path(path)).build(), WatermarkStrategy.noWatermarks(), "source-rows")
                .uid("source-rows").setParallelism(parallelism);
    }
}
