package io.des.cli;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.des.ingest.IngestRequestParser;
import io.des.model.ApiException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A file of contacts for {@code des submit}: CSV whose header row names the contact keys, or JSON
 * Lines (one object per line), read contact by contact. Each contact goes through the API's own
 * rule ({@link IngestRequestParser#parseContact}), so a file that reads here is one DES accepts, and
 * every problem is reported with the file and line ({@link InputFileException}).
 */
final class ContactFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final CsvFactory CSV = new CsvFactory();

    private final Path path;
    private final String name;
    private final boolean csv;

    private ContactFile(Path path, boolean csv) {
        this.path = path;
        this.name = path.toString();
        this.csv = csv;
    }

    /** By the file name's ending: {@code .csv}, or {@code .jsonl} / {@code .ndjson}. */
    static ContactFile of(Path path) {
        String file = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(path)) {
            throw new InputFileException(path.toString(), 0, "no such file");
        }
        if (file.endsWith(".csv")) {
            return new ContactFile(path, true);
        }
        if (file.endsWith(".jsonl") || file.endsWith(".ndjson")) {
            return new ContactFile(path, false);
        }
        throw new InputFileException(path.toString(), 0, "unknown file type: name it .csv (header row of contact keys)"
                + " or .jsonl (one JSON object per line)");
    }

    /** Reads the whole file once, checking every contact, and counts them. */
    long count() {
        long contacts = 0;
        try (Contacts reader = open()) {
            while (reader.hasNext()) {
                reader.next();
                contacts++;
            }
        }
        if (contacts == 0) {
            throw new InputFileException(name, 0, csv ? "no contacts after the header row" : "empty file: expected one JSON object per line");
        }
        return contacts;
    }

    /** The contacts in file order; close it when done. */
    Contacts open() {
        try {
            return csv ? new CsvContacts() : new JsonLinesContacts();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** Contacts as DES takes them (normalised keys, trimmed values), read as they are needed. */
    abstract static class Contacts implements Iterator<Map<String, String>>, Closeable {

        private Map<String, String> next;

        /** The next contact, or null at the end of the file. */
        abstract Map<String, String> read() throws IOException;

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public Map<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map<String, String> contact = next;
            next = null;
            return contact;
        }

        @Override
        public abstract void close();
    }

    private Map<String, String> contact(JsonNode node, long line) {
        try {
            return IngestRequestParser.parseContact(node, "contact");
        } catch (ApiException e) {
            throw new InputFileException(name, line, e.error().message());
        }
    }

    private final class CsvContacts extends Contacts {

        private final CsvParser parser;
        private final List<String> header;
        /** Where the row last read starts. */
        private long line;

        CsvContacts() throws IOException {
            parser = CSV.createParser(Files.newInputStream(path));
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<String> first = row();
            if (first == null) {
                close();
                throw new InputFileException(name, 1, "empty file: expected a header row of contact keys such as first_name,last_name,company_name");
            }
            header = first;
            checkHeader();
        }

        private void checkHeader() {
            Set<String> seen = new HashSet<>();
            ObjectNode keys = JSON.createObjectNode();
            for (String column : header) {
                if (!seen.add(column)) {
                    throw new InputFileException(name, 1, "column '" + column + "' appears twice in the header");
                }
                keys.put(column, "x");
            }
            contact(keys, 1);
        }

        /** The next row's values (without a schema, each row is an array of strings), or null at the end. */
        private List<String> row() throws IOException {
            JsonToken token;
            try {
                token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (values.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr(); // the row's start, even if a quoted value spans lines
                    }
                    values.add(parser.getText());
                }
                return values;
            } catch (JsonParseException e) {
                throw new InputFileException(name, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
            }
        }

        @Override
        Map<String, String> read() throws IOException {
            List<String> values = row();
            if (values == null) {
                return null;
            }
            if (values.size() != header.size()) {
                throw new InputFileException(name, line, values.size() + " columns, header has " + header.size());
            }
            ObjectNode contact = JSON.createObjectNode();
            for (int i = 0; i < values.size(); i++) {
                contact.put(header.get(i), values.get(i));
            }
            return contact(contact, line);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final class JsonLinesContacts extends Contacts {

        private final BufferedReader lines;
        private long line;

        JsonLinesContacts() throws IOException {
            lines = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        }

        @Override
        Map<String, String> read() throws IOException {
            for (String text = lines.readLine(); text != null; text = lines.readLine()) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1); // a byte order mark, as some editors write
                }
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new InputFileException(name, line, "not valid JSON: " + e.getOriginalMessage());
                }
                if (!node.isObject()) {
                    throw new InputFileException(name, line, "expected a JSON object of contact keys, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                return contact(node, line);
            }
            return null;
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
