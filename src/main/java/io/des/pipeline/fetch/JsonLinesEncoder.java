package io.des.pipeline.fetch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;

/** Writes each element as one line of JSON (its public fields, or a map's entries): staged rows and discarded rows. */
public final class JsonLinesEncoder<T> implements Encoder<T> {

    private static final long serialVersionUID = 1L;
    private transient ObjectMapper json;

    @Override
    public void encode(T element, OutputStream stream) throws IOException {
        if (json == null) {
            json = new ObjectMapper();
        }
        stream.write(json.writeValueAsBytes(element));
        stream.write('\n');
    }
}
