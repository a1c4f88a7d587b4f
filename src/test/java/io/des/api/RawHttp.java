package io.des.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain loopback socket, for what a well-behaved client cannot do: write a whole
 * body before reading, send malformed or huge requests, trickle bytes, hold idle connections.
 */
final class RawHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A connection to the server on {@code port}; reads give up after {@code readTimeout}. */
    static RawHttp connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return new RawHttp(socket);
    }

    /** A GET with the given extra header lines (each {@code "Name: value"}). */
    static String get(String target, String... headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String.join("", lines(headers)) + "\r\n";
    }

    /** The head of a POST with {@code Content-Length: length}. */
    static String postHead(String target, long length, String... headers) {
        return "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n" + String.join("", lines(headers)) + "\r\n";
    }

    private static String[] lines(String[] headers) {
        String[] lines = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            lines[i] = headers[i] + "\r\n";
        }
        return lines;
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one answer (body by {@code Content-Length}). */
    Answer read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before an answer");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, in.readNBytes(length));
    }

    /** True once the server has closed (or reset) the connection; false if it is still open after the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One HTTP answer; header names lower-cased. */
    record Answer(int status, Map<String, String> headers, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The error code of an error answer, after checking it has the shape every error has. */
        String code() {
            JsonNode body = json();
            if (!body.hasNonNull("error") || !body.hasNonNull("code") || header(RequestIds.HEADER) == null
                    || !header("content-type").startsWith("application/json")) {
                throw new AssertionError("not an API error answer: " + headers + " " + body);
            }
            return body.get("code").asText();
        }
    }
}
