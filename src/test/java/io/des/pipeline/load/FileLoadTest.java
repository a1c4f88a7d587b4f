package io.des.pipeline.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.pipeline.config.PipelineFile;
import io.des.pipeline.config.PipelineFileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV and Parquet destinations: a run's part files appear under their final names at the commit, once, and replace drops earlier runs' files. */
class FileLoadTest {

    private static PipelineFile pipeline(String type, Path out, String write) throws Exception {
        return new PipelineFileParser(Map.<String, String>of()::get).parse("""
                pipelineName: csv_to_files
                dataSource:
                  type: csv
                  extraOptions: {path: in.csv, key: id, fields: [first_name, company], fields_mapping: {company: company_name}}
                fields_to_enrich: [job_title]
                destination:
                  type: %s
                  extraOptions: {path: "%s"}
                  write: %s
                """.formatted(type, out, write), "p.yaml");
    }

    private static final List<Map<String, String>> ROWS = List.of(
            Map.of("record_index", "0", "source_key", "1", "first_name", "Ada", "company_name", "Acme, Inc", "job_title", "CTO",
                    "job_title_source", "sandbox", "enrichment_status", "enriched"),
            Map.of("record_index", "1", "source_key", "2", "first_name", "Grace", "company_name", "Navy",
                    "enrichment_status", "not_found"));

    @Test
    void csvPartsAppearAtTheCommitWithAHeaderAndQuotedValues(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        PipelineFile pipeline = pipeline("csv", out, "append");
        run(pipeline, 1, tmp);

        List<String> lines = new ArrayList<>();
        for (Path part : parts(out)) {
            lines.addAll(Files.readAllLines(part));
        }
        assertEquals("id,first_name,company,job_title,job_title_source,enrichment_status,enriched_at", lines.get(0));
        assertEquals(List.of("1,Ada,\"Acme, Inc\",CTO,sandbox,enriched,2026-03-01T06:00", "2,Grace,Navy,,,not_found,2026-03-01T06:00"),
                lines.stream().filter(l -> !l.startsWith("id,")).sorted().toList());
        assertEquals(List.of("csv_to_files-run000001-part0.csv"), names(out));
    }

    @Test
    void parquetPartsReadBackAndReplaceDropsEarlierRuns(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        PipelineFile pipeline = pipeline("parquet", out, "replace");
        run(pipeline, 1, tmp);
        run(pipeline, 2, tmp);
        run(pipeline, 2, tmp); // a commit done again after a crash: the same names, once

        assertEquals(List.of("csv_to_files-run000002-part0.parquet"), names(out));
        List<String> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(parts(out).get(0).toUri()), new Configuration())).build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row.get("id") + " " + row.get("company") + " " + row.get("job_title") + " " + row.get("enriched_at"));
            }
        }
        rows.sort(null);
        long millis = Instant.parse("2026-03-01T06:00:00Z").toEpochMilli();
        assertEquals(List.of("1 Acme, Inc CTO " + millis, "2 Navy null " + millis), rows);
    }

    private static void run(PipelineFile pipeline, long runNumber, Path tmp) throws Exception {
        Destination destination = Destination.of(pipeline, runNumber);
        OutputShape shape = OutputShape.of(pipeline, destination.prepare(), "2026-03-01T06:00");
        new LoadJob(new ListInput(ROWS), shape, destination, tmp.resolve("discarded").toString())
                .run(StreamExecutionEnvironment.createLocalEnvironment(2), "file-load");
        destination.commit(runNumber, "e", null, Instant.now());
    }

    private static List<Path> parts(Path out) throws Exception {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static List<String> names(Path out) throws Exception {
        return parts(out).stream().map(p -> p.getFileName().toString()).toList();
    }
}
