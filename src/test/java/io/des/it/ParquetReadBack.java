package io.des.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads Parquet files back with parquet-mr's own reader, independently of the job's writer code
 * (the serving API reads them with DuckDB, a third implementation).
 */
final class ParquetReadBack {

    private ParquetReadBack() {}

    /** Every row of every visible {@code .parquet} file directly in {@code dir}. */
    static List<GenericRecord> rowsIn(Path dir) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        for (Path file : parquetFilesIn(dir)) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader
                    .<GenericRecord>builder(HadoopInputFile.fromPath(
                            new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
                    .build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static List<Path> parquetFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")
                            && !f.getFileName().toString().startsWith("."))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
