package io.des.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.model.ContactRecord;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider speaking the DES JSON lookup protocol over HTTP (the sandbox provider's protocol):
 *
 * <pre>
 * POST &lt;endpoint&gt;   {"contact": {"first_name": …, …}, "fields": ["professional_email", …]}
 * 200 {"values": {"professional_email": "…"}}   a requested field absent from values was not found
 * 404                                           none of the fields was found
 * 429 / 5xx (optional Retry-After)              retryable failure; Retry-After is the minimum wait
 * other                                         fatal failure
 * </pre>
 *
 * <p>Uses only {@link HttpClient#sendAsync}; responses are parsed on the client's own threads, never
 * on the caller's.
 */
public final class HttpJsonProvider implements Provider {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final HttpJsonProviderSpec spec;
    private final ExecutorService clientExecutor;
    private final HttpClient client;
    private final Clock clock;

    HttpJsonProvider(HttpJsonProviderSpec spec) {
        this.spec = spec;
        this.clock = Clock.systemUTC();
        // An executor we own, rather than the client's implicit one, so that close() stops its
        // threads: Flink reuses task manager JVMs across jobs and leaked threads pin class loaders.
        this.clientExecutor = Executors.newCachedThreadPool(daemonThreads("des-http-" + spec.providerName()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(spec.requestTimeout())
                .executor(clientExecutor)
                .build();
    }

    @Override
    public String name() {
        return spec.providerName();
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        HttpRequest request = HttpRequest.newBuilder(spec.endpoint())
                .timeout(spec.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(record, fields)))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> error != null
                        ? LookupResult.failed(FailureClassifier.fromException(error))
                        : interpret(response));
    }

    @Override
    public void close() {
        clientExecutor.shutdownNow();
    }

    private static byte[] requestBody(ContactRecord record, List<String> fields) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode contact = body.putObject("contact");
        record.contact.forEach(contact::put);
        fields.forEach(body.putArray("fields")::add);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode lookup request", e);
        }
    }

    private LookupResult interpret(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            return parseValues(response.body());
        }
        if (status == 404) {
            return LookupResult.noneFound();
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                .orElse(null);
        return LookupResult.failed(FailureClassifier.fromHttpStatus(status, retryAfter));
    }

    private static LookupResult parseValues(byte[] body) {
        JsonNode values;
        try {
            values = MAPPER.readTree(body).path("values");
        } catch (IOException e) {
            return LookupResult.failed(new LookupFailure("provider sent malformed JSON", false, null));
        }
        if (values.isMissingNode() || values.isNull()) {
            return LookupResult.noneFound();
        }
        if (!values.isObject()) {
            return LookupResult.failed(new LookupFailure("provider sent non-object \"values\"", false, null));
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                found.put(field.getKey(), field.getValue().asText());
            }
        }
        return LookupResult.found(found);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        int clientId = CLIENT_IDS.incrementAndGet();
        AtomicInteger threadIds = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + clientId + "-" + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
