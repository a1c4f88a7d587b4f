package io.des.cli;

import java.io.IOException;
import java.util.Map;

/** Writes a completed ERID's rows, as the API serves them, into one file of some format. */
interface RowWriter extends AutoCloseable {

    void write(Map<String, Object> row) throws IOException;

    /** Finishes the file (footers, buffers); a writer not closed leaves a file that must not be used. */
    @Override
    void close() throws IOException;
}
