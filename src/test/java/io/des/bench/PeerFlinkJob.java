package io.des.bench;

import io.des.enrich.AttemptedLookup;
import io.des.enrich.EnrichedRecords;
import io.des.enrich.LookupResult;
import io.des.ingest.broker.BrokerSource;
import io.des.model.ContactRecord;
import io.des.model.EnrichedAvroSchema;
import io.des.model.EnrichedRecord;
import io.des.model.RecordCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The job a user would write on Flink instead of DES, in the shape of the AWS Managed Flink S3
 * samples: the same broker records, a map that decodes each one, answers it with the same
 * in-process lookup and converts it to the same Avro row, and a {@code FileSink} of
 * {@code AvroParquetWriters} rolling on checkpoint. No validation, dedupe, async I/O, fairness,
 * progress or publishing: what DES does on top is what the ratio to this peer prices.
 *
 * <p>The source is bounded (the peer has no post-commit step, so the final checkpoint commits its
 * last files); the run is timed from RUNNING to the job's end, the final commit included.
 */
final class PeerFlinkJob {

    private PeerFlinkJob() {}

    /** Runs the peer over the records in {@code brokerDir}, writing under {@code out}; returns records per second. */
    static double recordsPerSecond(Path brokerDir, Path out, long records, Duration checkpointInterval) throws Exception {
        StreamExecutionEnvironment env = LocalJobs.environment();
        env.enableCheckpointing(checkpointInterval.toMillis());
        env.fromSource(BrokerSource.bounded(brokerDir.toString()), WatermarkStrategy.noWatermarks(), "Embedded broker")
                .map(new ToEnrichedAvro())
                .returns(new GenericRecordAvroTypeInfo(EnrichedAvroSchema.SCHEMA))
                .name("decode, look up, to Avro")
                .sinkTo(FileSink.forBulkFormat(
                                new org.apache.flink.core.fs.Path(out.toUri()),
                                AvroParquetWriters.forGenericRecord(EnrichedAvroSchema.SCHEMA))
                        .build())
                .name("Parquet file sink");
        JobClient job = LocalJobs.startAndAwaitRunning(env, "bench peer");
        long start = System.nanoTime();
        job.getJobExecutionResult().get();
        double perSecond = records / ((System.nanoTime() - start) / 1e9);
        long written = rowsIn(out);
        if (written != records) {
            throw new IllegalStateException("the peer wrote " + written + " rows of " + records);
        }
        return perSecond;
    }

    /** Rows in the finished Parquet files under {@code dir}, from their footers. */
    private static long rowsIn(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList());
        }
        long rows = 0;
        for (Path file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    private static final class ToEnrichedAvro implements MapFunction<byte[], GenericRecord> {
        @Override
        public GenericRecord map(byte[] message) throws Exception {
            ContactRecord record = RecordCodec.decode(message);
            LookupResult found = LookupResult.found(ZeroLatencyProviderSpec.answer(record.contact, record.fieldsToEnrich));
            EnrichedRecord enriched = EnrichedRecords.fromLookup(
                    record, record.fieldsToEnrich, new AttemptedLookup(found, 1), "in-process", System.currentTimeMillis());
            return EnrichedAvroSchema.toAvro(enriched);
        }
    }
}
