package io.des.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.des.model.ContactRecord;
import io.des.model.TenantIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v2/enriched_data}: validates a chunk of an enrichment request and publishes one
 * {@link ContactRecord} per contact.
 *
 * <p>Answers:
 *
 * <ul>
 *   <li>202 {@code {"erid", "accepted_records", "status_url"}} once every record is stored by the
 *       {@link RecordPublisher}: a 202 means the chunk is durably accepted.
 *   <li>400 {@code {"error", "field"}} for a malformed request (see {@link IngestRequestParser});
 *       {@code field} names the offending member and is absent when the body as a whole is at fault.
 *   <li>404 for paths below {@link #PATH}; 405 for methods other than POST; 413 for a body over {@link IngestLimits#maxBodyBytes}, too
 *       many contacts, or a contact too large to publish; 415 for a non-JSON Content-Type.
 *   <li>503 when publishing fails: the client should retry the same POST later.
 * </ul>
 *
 * <p>Resending a POST (same erid and offset) is safe: it republishes the same
 * {@code (erid, record_index)} pairs and the job deduplicates by that pair, so a client that saw a
 * timeout or a 503 simply resends.
 *
 * <p>The request date (the first partition key) is the UTC date of {@code clock} when the chunk is
 * received.
 *
 * <p>{@code publish} blocks while the publisher retries (bounded, see {@link KinesisRetryPolicy}),
 * so give the {@code HttpServer} a thread pool executor rather than its default single thread.
 */
public final class IngestHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DISCARD_BYTES = 1024 * 1024;

    /** The path this handler serves; register it with {@code HttpServer.createContext(PATH, handler)}. */
    public static final String PATH = "/v2/enriched_data";

    private final RecordPublisher publisher;
    private final Clock clock;
    private final IngestLimits limits;
    private final IngestRequestParser parser;

    public IngestHandler(RecordPublisher publisher, Clock clock, IngestLimits limits) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.parser = new IngestRequestParser(limits);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                accept(exchange);
            } catch (IngestRejection rejection) {
                sendError(exchange, rejection.status(), rejection.getMessage(), rejection.field());
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure handling {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                sendError(exchange, 500, "internal error; the request was not accepted", null);
            }
        }
    }

    private void accept(HttpExchange exchange) throws IOException, IngestRejection {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            throw new IngestRejection(404, null, "no resource at " + exchange.getRequestURI().getPath());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new IngestRejection(405, null, "method " + exchange.getRequestMethod() + " not allowed; use POST");
        }
        requireJsonContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
        IngestRequest request = parser.parse(readBody(exchange));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        // the front door passes the caller's tenant
        List<ContactRecord> records = request.toRecords(TenantIds.DEFAULT, today);
        publish(records, request.offset());
        ObjectNode body = MAPPER.createObjectNode();
        body.put("erid", request.erid());
        body.put("accepted_records", records.size());
        body.put("status_url", PATH + "?erid=" + request.erid() + "&start_date=" + today + "&end_date=" + today);
        send(exchange, 202, body);
    }

    private void publish(List<ContactRecord> records, long offset) throws IngestRejection {
        try {
            publisher.publish(records);
        } catch (RecordTooLargeException e) {
            String field = IngestRequestParser.CONTACT_LIST + "[" + (e.recordIndex() - offset) + "]";
            throw new IngestRejection(413, field, field + " is too large: " + e.getMessage());
        } catch (PublishException e) {
            LOG.warn("Publishing {} records of ERID {} failed", records.size(), records.get(0).erid, e);
            throw new IngestRejection(503, null, "records could not be stored right now; resend the same request later");
        }
    }

    private static void requireJsonContentType(String contentType) throws IngestRejection {
        if (contentType == null) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new IngestRejection(415, null, "Content-Type " + contentType + " is not supported; use application/json");
        }
    }

    /**
     * Reads at most {@code maxBodyBytes + 1} bytes, so an oversized body is never buffered whole.
     * Before a 413 up to {@link #DISCARD_BYTES} more are read and thrown away: closing a connection
     * with unread request bytes makes the kernel reset it, and the client would see a reset instead
     * of the 413. Bodies larger still get the reset; that is the price of not reading them.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException, IngestRejection {
        long declaredLength = declaredLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        try (InputStream in = exchange.getRequestBody()) {
            if (declaredLength > limits.maxBodyBytes()) {
                throw tooLarge(exchange, in);
            }
            byte[] body = in.readNBytes(limits.maxBodyBytes() + 1);
            if (body.length > limits.maxBodyBytes()) {
                throw tooLarge(exchange, in);
            }
            return body;
        }
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the server itself refuses a malformed length; reading decides otherwise
        }
    }

    private IngestRejection tooLarge(HttpExchange exchange, InputStream in) throws IOException {
        byte[] scratch = new byte[8192];
        long discarded = 0;
        for (int read; discarded < DISCARD_BYTES && (read = in.read(scratch)) >= 0; ) {
            discarded += read;
        }
        exchange.getResponseHeaders().set("Connection", "close");
        return new IngestRejection(413, null, "request body exceeds " + limits.maxBodyBytes()
                + " bytes; split contact_list into several requests using offset");
    }

    private static void sendError(HttpExchange exchange, int status, String message, String field) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        send(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
