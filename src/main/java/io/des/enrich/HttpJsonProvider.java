package io.des.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.model.ContactRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A provider behind any HTTP JSON API, as an {@link HttpJsonProviderSpec} describes it: the request
 * is the spec's template filled with the contact, the answer's fields are read at the spec's JSON
 * pointers.
 *
 * <pre>
 * 2xx                           a field whose pointer is absent or null in the body was not found
 * not-found statuses (404)      none of the fields was found
 * 401 with OAuth2               the token is dropped and the failure is retryable (a new token may do)
 * retry statuses (429, 5xx)     retryable failure; Retry-After is the minimum wait
 * other                         fatal failure
 * </pre>
 *
 * <p>Every exchange is a {@link BoundedExchange}: one deadline ({@code request-timeout-ms}) for the
 * token wait, the headers and the whole body, and a cap on the body ({@code max-response-bytes});
 * a larger answer fails the lookup, not retried, with the reason.
 *
 * <p>Uses only {@link HttpClient#sendAsync}; responses are parsed on the client's own threads, never
 * on the caller's.
 */
public final class HttpJsonProvider implements Provider {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();
    private static final int UNAUTHORIZED = 401;

    private final HttpJsonProviderSpec spec;
    private final ExecutorService clientExecutor;
    private final HttpClient client;
    private final ProviderAuth.Session auth;
    private final Clock clock;

    HttpJsonProvider(HttpJsonProviderSpec spec, UnaryOperator<String> env) {
        this.spec = spec;
        this.clock = Clock.systemUTC();
        // An executor we own, rather than the client's implicit one, so that close() stops its
        // threads: Flink reuses task manager JVMs across jobs and leaked threads pin class loaders.
        // Fixed-size: the client hands every response to the executor, and a cached pool on a
        // 1-2 vCPU task manager started a thread per response (see docs/benchmarks.md).
        this.clientExecutor = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("des-http-" + spec.providerName()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(spec.requestTimeout())
                .executor(clientExecutor)
                .build();
        this.auth = spec.auth().open(client, env, spec.requestTimeout(), spec.maxResponseBytes());
    }

    @Override
    public String name() {
        return spec.providerName();
    }

    @Override
    public CompletableFuture<LookupResult> lookup(ContactRecord record, List<String> fields) {
        return send(auth.headers().thenApply(headers -> request(record, fields, headers)))
                .handle((response, error) -> error != null
                        ? LookupResult.failed(FailureClassifier.fromException(error))
                        : interpret(response, fields));
    }

    @Override
    public void close() {
        clientExecutor.shutdownNow();
    }

    /** One exchange under the spec's deadline (token wait, headers and body together) and body cap. */
    private CompletableFuture<HttpResponse<byte[]>> send(CompletableFuture<HttpRequest> request) {
        return BoundedExchange.send(client, request, spec.requestTimeout(), spec.maxResponseBytes());
    }

    private HttpRequest request(ContactRecord record, List<String> fields, Map<String, String> authHeaders) {
        URI uri = URI.create(EndpointTemplate.render(spec.endpoint(), record, fields));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(spec.requestTimeout())
                .header("Accept", "application/json");
        authHeaders.forEach(request::header);
        if (spec.method().equals("GET")) {
            return request.GET().build();
        }
        return request.header("Content-Type", "application/json")
                .method(spec.method(), HttpRequest.BodyPublishers.ofByteArray(spec.template().render(record, fields)))
                .build();
    }

    /**
     * Looks up many contacts in one call of the spec's {@link BulkMode}: answers in the order of
     * {@code lookups}; a contact without an answer in the response was not found; a failed call
     * fails every contact alike.
     */
    @Override
    public CompletableFuture<List<LookupResult>> lookupAll(List<BulkLookup> lookups) {
        BulkMode bulk = spec.bulk().orElseThrow(() -> new IllegalStateException(name() + " has no bulk mode"));
        return send(auth.headers().thenApply(headers -> bulkRequest(bulk, lookups, headers)))
                .handle((response, error) -> error != null
                        ? Collections.nCopies(lookups.size(), LookupResult.failed(FailureClassifier.fromException(error)))
                        : interpretBulk(bulk, response, lookups));
    }

    private HttpRequest bulkRequest(BulkMode bulk, List<BulkLookup> lookups, Map<String, String> authHeaders) {
        List<JsonNode> contacts = new ArrayList<>(lookups.size());
        for (int i = 0; i < lookups.size(); i++) {
            BulkLookup lookup = lookups.get(i);
            contacts.add(spec.template().renderNode(lookup.record(), lookup.fields(), lookupId(i)));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(spec.endpoint()))
                .timeout(spec.requestTimeout())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json");
        authHeaders.forEach(request::header);
        return request.method(spec.method(), HttpRequest.BodyPublishers.ofByteArray(bulk.requestTemplate().render(contacts)))
                .build();
    }

    /** The id a contact is sent with: its position in the call, unique within the call, which is all matching needs. */
    private static String lookupId(int index) {
        return Integer.toString(index);
    }

    private List<LookupResult> interpretBulk(BulkMode bulk, HttpResponse<byte[]> response, List<BulkLookup> lookups) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return Collections.nCopies(lookups.size(), interpret(response, List.of()));
        }
        JsonNode items;
        try {
            JsonNode answer = MAPPER.readTree(response.body());
            items = answer == null ? null : answer.at(bulk.itemsPointer());
        } catch (IOException e) {
            return Collections.nCopies(lookups.size(),
                    LookupResult.failed(new LookupFailure("provider sent malformed JSON", false, null)));
        }
        if (items == null || !items.isArray()) {
            return Collections.nCopies(lookups.size(), LookupResult.failed(new LookupFailure(
                    "provider's bulk answer holds no array at " + bulk.itemsPointer(), false, null)));
        }
        Map<String, JsonNode> byId = new HashMap<>();
        if (!bulk.matchesByIndex()) {
            items.forEach(item -> {
                JsonNode id = item.at(bulk.match());
                if (id.isValueNode() && !id.isNull()) {
                    byId.putIfAbsent(id.asText(), item);
                }
            });
        }
        List<LookupResult> results = new ArrayList<>(lookups.size());
        for (int i = 0; i < lookups.size(); i++) {
            JsonNode item = bulk.matchesByIndex() ? items.get(i) : byId.get(lookupId(i));
            results.add(item == null || item.isNull() ? LookupResult.noneFound() : valuesIn(item, lookups.get(i).fields()));
        }
        return results;
    }

    private LookupResult interpret(HttpResponse<byte[]> response, List<String> fields) {
        int status = response.statusCode();
        if (status >= 200 && status <= 299) {
            return parseValues(response.body(), fields);
        }
        if (spec.meansNotFound(status)) {
            return LookupResult.noneFound();
        }
        if (status == UNAUTHORIZED && spec.auth().type() == ProviderAuth.Type.OAUTH2_CLIENT_CREDENTIALS) {
            auth.rejected();
            return LookupResult.failed(new LookupFailure("provider rejected the OAuth2 token (401)", true, null));
        }
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                .orElse(null);
        return LookupResult.failed(FailureClassifier.fromHttpStatus(status, retryAfter, spec.retries(status)));
    }

    private LookupResult parseValues(byte[] body, List<String> fields) {
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body);
        } catch (IOException e) {
            return LookupResult.failed(new LookupFailure("provider sent malformed JSON", false, null));
        }
        if (answer == null) {
            return LookupResult.noneFound();
        }
        return valuesIn(answer, fields);
    }

    /** The fields found in one contact's answer, at their JSON pointers. */
    private LookupResult valuesIn(JsonNode answer, List<String> fields) {
        Map<String, String> found = new LinkedHashMap<>();
        Map<String, ValueQuality> qualities = new LinkedHashMap<>();
        for (String field : fields) {
            String value = textAt(answer, spec.pointerOf(field));
            if (value != null) {
                found.put(field, value);
                ValueQuality quality = new ValueQuality(confidenceAt(answer, spec.confidencePointerOf(field)),
                        textAt(answer, spec.verificationPointerOf(field)));
                if (!quality.equals(ValueQuality.UNKNOWN)) {
                    qualities.put(field, quality);
                }
            }
        }
        return LookupResult.found(found, qualities);
    }

    /** The non-empty text of the scalar at {@code pointer}, or null. */
    private static String textAt(JsonNode answer, String pointer) {
        JsonNode node = pointer == null ? null : answer.at(pointer);
        return node != null && node.isValueNode() && !node.isNull() && !node.asText().isEmpty() ? node.asText() : null;
    }

    /** A number at {@code pointer} (or a string holding one), or null: a garbled score says nothing. */
    private static Double confidenceAt(JsonNode answer, String pointer) {
        String text = textAt(answer, pointer);
        if (text == null) {
            return null;
        }
        try {
            double confidence = Double.parseDouble(text.trim());
            return Double.isFinite(confidence) ? confidence : null;
        } catch (NumberFormatException e) {
            return null;
        }
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
