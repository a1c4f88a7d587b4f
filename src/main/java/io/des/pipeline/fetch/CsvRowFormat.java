package io.des.pipeline.fetch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * CSV files whose first row names the columns (RFC 4180 quoting, so values may hold the
 * delimiter, quotes and line breaks). Columns are found by name; a row with fewer or more values
 * than the header is discarded with its line, not guessed at.
 */
final class CsvRowFormat extends SimpleStreamFormat<SourceRow> {

    private static final long serialVersionUID = 1L;

    private final String[] columns;
    private final char delimiter;

    CsvRowFormat(String[] columns, char delimiter) {
        this.columns = columns.clone();
        this.delimiter = delimiter;
    }

    static MappingIterator<String[]> rows(InputStream in, char delimiter) throws IOException {
        CsvMapper csv = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
        return csv.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(delimiter)).readValues(in);
    }

    @Override
    public StreamFormat.Reader<SourceRow> createReader(Configuration config, FSDataInputStream stream) throws IOException {
        MappingIterator<String[]> rows = rows(stream, delimiter);
        String[] header = rows.hasNextValue() ? rows.nextValue() : new String[0];
        List<String> names = Arrays.asList(header);
        int[] positions = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            positions[i] = names.indexOf(columns[i]);
            if (positions[i] < 0) {
                throw new IOException("the CSV header has no column '" + columns[i] + "' (it has " + names + ")");
            }
        }
        return new StreamFormat.Reader<>() {
            @Override
            public SourceRow read() throws IOException {
                if (!rows.hasNextValue()) {
                    return null;
                }
                // Where the row starts: Jackson's CSV parser reports the line before the row's first token.
                String origin = "line " + (rows.getParser().currentTokenLocation().getLineNr() + 1);
                String[] values = rows.nextValue();
                if (values.length != header.length) {
                    return new SourceRow(new String[columns.length], values.length + " values, the header has " + header.length, origin);
                }
                String[] picked = new String[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    picked[i] = values[positions[i]].isEmpty() ? null : values[positions[i]];
                }
                return new SourceRow(picked, null, origin);
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }

    @Override
    public TypeInformation<SourceRow> getProducedType() {
        return TypeInformation.of(SourceRow.class);
    }
}
