package io.des.pipeline.load;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/** CSV part files of a file destination: a header row with the output columns, then one row per record (RFC 4180 quoting). */
final class CsvBulkWriter implements BulkWriter<OutputRow> {

    private final SequenceWriter rows;

    private CsvBulkWriter(FSDataOutputStream out, String[] columns, char delimiter) throws IOException {
        CsvMapper csv = new CsvMapper();
        csv.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // Flink owns the stream
        rows = csv.writerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(delimiter)).writeValues(out);
        rows.write(columns);
    }

    static BulkWriter.Factory<OutputRow> factory(String[] columns, char delimiter) {
        return out -> new CsvBulkWriter(out, columns, delimiter);
    }

    @Override
    public void addElement(OutputRow row) throws IOException {
        // Jackson leaves a null array element out (shifting every column after it), so NULL is written as an empty value.
        String[] values = new String[row.values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.values[i] == null ? "" : row.values[i];
        }
        rows.write(values);
    }

    @Override
    public void flush() throws IOException {
        rows.flush();
    }

    @Override
    public void finish() throws IOException {
        rows.close();
    }
}
