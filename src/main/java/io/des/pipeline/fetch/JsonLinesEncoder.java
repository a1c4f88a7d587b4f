package io.des.pipeline.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;

/** Writes each element as one line of JSON (its public fields, or a map's entries): staged rows and discarded rows. */
public final class JsonLinesEncoder<T> implements Encoder<T> {

    private static final long serialVersionUID = 1L;
    private transient ObjectMapper json;

    /** A file sink writing JSON Lines part files {@code <prefix>-….jsonl} straight into {@code dir}. */
    public static <T> FileSink<T> sink(String dir, String prefix) {
        return FileSink.forRowFormat(new Path(dir), new JsonLinesEncoder<T>())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .build();
    }

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
        if (json == null) {
            json = new ObjectMapper();
        }
        stream.write(json.writeValueAsBytes(element));
        stream.write('\n');
    }
}
