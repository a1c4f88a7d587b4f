package io.des.pipeline.fetch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * A run's staged contacts, read back in one fixed order (files by name, lines in file order): the
 * {@code i}-th contact is record {@code i} of the run's ERID, on the first submission and on every
 * resubmission after a failure, which is what lets DES drop the resubmitted copies.
 */
public final class StagedContacts implements Iterable<Map<String, String>> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> CONTACT = new TypeReference<>() {};

    private final List<Path> files;

    private StagedContacts(List<Path> files) {
        this.files = files;
    }

    public static StagedContacts in(String dir) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem();
        List<Path> files = new ArrayList<>();
        if (fs.exists(root)) {
            for (FileStatus status : fs.listStatus(root)) {
                String name = status.getPath().getName();
                if (!status.isDir() && name.startsWith("staged") && name.endsWith(".jsonl")) {
                    files.add(status.getPath());
                }
            }
        }
        files.sort(null);
        return new StagedContacts(files);
    }

    /** Counts the staged contacts (one per line). */
    public long count() throws IOException {
        long lines = 0;
        for (Path file : files) {
            try (BufferedReader reader = open(file)) {
                while (reader.readLine() != null) {
                    lines++;
                }
            }
        }
        return lines;
    }

    @Override
    public Iterator<Map<String, String>> iterator() {
        return new Iterator<>() {
            private int file = -1;
            private BufferedReader reader;
            private String next = advance();

            private String advance() {
                try {
                    while (true) {
                        String line = reader == null ? null : reader.readLine();
                        if (line != null) {
                            return line;
                        }
                        if (reader != null) {
                            reader.close();
                        }
                        if (++file >= files.size()) {
                            return null;
                        }
                        reader = open(files.get(file));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map<String, String> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                try {
                    return JSON.readValue(next, CONTACT);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    next = advance();
                }
            }
        };
    }

    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(file.getFileSystem().open(file), StandardCharsets.UTF_8));
    }
}
