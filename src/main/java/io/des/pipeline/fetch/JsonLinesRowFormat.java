package io.des.pipeline.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * JSON Lines files: one object per line, columns by member name. A line that is not a JSON object,
 * or a member holding an object or array, is discarded with its line number; blank lines are skipped.
 */
final class JsonLinesRowFormat extends SimpleStreamFormat<SourceRow> {

    private static final long serialVersionUID = 1L;

    private final String[] columns;

    JsonLinesRowFormat(String[] columns) {
        this.columns = columns.clone();
    }

    @Override
    public StreamFormat.Reader<SourceRow> createReader(Configuration config, FSDataInputStream stream) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        ObjectMapper json = new ObjectMapper();
        return new StreamFormat.Reader<>() {
            private long lineNumber;

            @Override
            public SourceRow read() throws IOException {
                String line;
                do {
                    line = lines.readLine();
                    lineNumber++;
                } while (line != null && line.isBlank());
                return line == null ? null : parse(line, "line " + lineNumber);
            }

            private SourceRow parse(String line, String origin) {
                String[] values = new String[columns.length];
                JsonNode object;
                try {
                    object = json.readTree(line);
                } catch (IOException e) {
                    return new SourceRow(values, "not JSON", origin);
                }
                if (object == null || !object.isObject()) {
                    return new SourceRow(values, "not a JSON object", origin);
                }
                for (int i = 0; i < columns.length; i++) {
                    JsonNode value = object.get(columns[i]);
                    if (value == null || value.isNull()) {
                        continue;
                    }
                    if (value.isContainerNode()) {
                        return new SourceRow(values, "member " + columns[i] + " holds " + (value.isArray() ? "an array" : "an object")
                                + ", not a value", origin);
                    }
                    values[i] = value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
                }
                return new SourceRow(values, null, origin);
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<SourceRow> getProducedType() {
        return TypeInformation.of(SourceRow.class);
    }
}
