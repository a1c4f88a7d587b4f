package io.des.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One benchmark result as one JSON line on stdout: {@code scenario}, then the parameters used, then
 * the figures. The only place that writes to stdout, so the output stays machine-readable (logs go
 * to stderr).
 */
final class JsonLine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream OUT = System.out;

    private final Map<String, Object> members = new LinkedHashMap<>();

    private JsonLine(String scenario) {
        members.put("scenario", scenario);
    }

    static JsonLine scenario(String name) {
        return new JsonLine(name);
    }

    /** A parameter or figure; members print in the order they were added. */
    JsonLine put(String name, Object value) {
        members.put(name, value instanceof Double ? round((Double) value) : value);
        return this;
    }

    /** Prints the line and flushes, so a parent process relaying it sees it at once. */
    void print() {
        try {
            String line = JSON.writeValueAsString(members);
            synchronized (OUT) {
                OUT.println(line);
                OUT.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + members, e);
        }
    }

    /** Prints a line that another process produced (a child JVM's result), unchanged. */
    static void relay(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
