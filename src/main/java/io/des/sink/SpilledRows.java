package io.des.sink;

import io.des.model.EnrichedAvroSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Sorted rows through the local disk ({@link IndexBuckets}), as Avro binary: any number of rows, in
 * the memory of a few buckets.
 */
final class SpilledRows implements SortedRows {

    private final IndexBuckets buckets;
    // The spill's
    private final GenericDatumWriter<GenericRecord> encoder = new GenericDatumWriter<>(EnrichedAvroSchema.SCHEMA);
    private final RowBytes bytes = new RowBytes();
    private BinaryEncoder binaryEncoder;
    // The writer's
    private final GenericDatumReader<GenericRecord> decoder = new GenericDatumReader<>(EnrichedAvroSchema.SCHEMA);
    private BinaryDecoder binaryDecoder;
    private GenericRecord decoded;

    SpilledRows(IndexBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void add(long recordIndex, GenericRecord row) throws IOException {
        bytes.reset();
        binaryEncoder = EncoderFactory.get().directBinaryEncoder(bytes, binaryEncoder);
        encoder.write(row, binaryEncoder);
        buckets.add(recordIndex, bytes.buffer(), bytes.size());
    }

    @Override
    public RangeHandoff<?> handoff() {
        return buckets.handoff();
    }

    @Override
    public void drain(long first, long count, RowWriter writer) throws IOException {
        buckets.drain(first, count, (data, offset, length) -> {
            binaryDecoder = DecoderFactory.get().binaryDecoder(data, offset, length, binaryDecoder);
            decoded = decoder.read(decoded, binaryDecoder); // the Parquet writer copies each row: one instance will do
            writer.write(decoded);
        });
    }

    @Override
    public void close() throws IOException {
        buckets.close();
    }

    /** A row's Avro bytes, reused from row to row. */
    private static final class RowBytes extends ByteArrayOutputStream {
        byte[] buffer() {
            return buf;
        }
    }
}
