package io.des.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One row per line, exactly the API's JSON object. */
final class JsonLinesRowWriter implements RowWriter {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Writer out;

    JsonLinesRowWriter(Path file) throws IOException {
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        JSON.writeValue(out, row);
        out.write('\n');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
