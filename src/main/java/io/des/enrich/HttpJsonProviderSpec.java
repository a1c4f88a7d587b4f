package io.des.enrich;

import io.des.model.FieldCatalog;
import io.des.config.EnrichKeys;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Configuration of an {@link HttpJsonProvider}: where and how to call a JSON API, and where the
 * fields are in its answer.
 *
 * <p>Defaults (the DES lookup protocol, spoken by the sandbox): method {@code POST}, body
 * {@link RequestTemplate#DES_PROTOCOL}, field {@code f} read at JSON pointer {@code /values/f}, no
 * authentication, statuses {@code 404} mean "not found", {@code 429} and {@code 5xx} are retried,
 * answers of at most {@link #DEFAULT_MAX_RESPONSE_BYTES} bytes.
 *
 * <p>With a {@link BulkMode}, {@code endpoint} is the bulk endpoint and every lookup goes out in a
 * bulk call, the per-field JSON pointers then applying inside each contact's answer.
 *
 * <p>Holds no secrets: {@link ProviderAuth} names environment variables, read when the provider
 * opens, so that keys never travel inside the job graph or savepoints.
 */
public final class HttpJsonProviderSpec implements ProviderSpec {

    private static final long serialVersionUID = 4L;

    /** Default of {@code max-response-bytes}: 1 MiB, far above any one contact's answer. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = EnrichKeys.MAX_RESPONSE_BYTES.defaultValue().orElseThrow();
    /** The largest {@code max-response-bytes} allowed: an answer is held in one array. */
    public static final long MAX_RESPONSE_BYTES_LIMIT = EnrichKeys.MAX_RESPONSE_BYTES_LIMIT;

    private final String providerName;
    private final String endpoint;
    private final String method;
    private final long requestTimeoutMillis;
    private final long maxResponseBytes;
    private final ProviderAuth auth;
    private final RequestTemplate template;
    private final LinkedHashMap<String, String> responseMappings;
    private final LinkedHashMap<String, String> confidencePointers;
    private final LinkedHashMap<String, String> verificationPointers;
    private final LinkedHashSet<Integer> retryStatuses;
    private final LinkedHashSet<Integer> notFoundStatuses;
    private final BulkMode bulk;

    /**
     * A provider speaking the DES lookup protocol, without authentication.
     *
     * @param providerName non-blank name, recorded as the source of found values
     * @param endpoint absolute http or https URI the lookups are POSTed to
     * @param requestTimeout positive limit for one HTTP request (connect and response)
     * @throws IllegalArgumentException naming the invalid argument
     */
    public HttpJsonProviderSpec(String providerName, URI endpoint, Duration requestTimeout) {
        this(builder(providerName, Objects.requireNonNull(endpoint, "endpoint").toString()).requestTimeout(requestTimeout));
    }

    private HttpJsonProviderSpec(Builder b) {
        if (b.name == null || b.name.isBlank()) {
            throw new IllegalArgumentException("providerName must not be blank");
        }
        EndpointTemplate.validate(b.endpoint);
        if (b.requestTimeout.isNegative() || b.requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, was " + b.requestTimeout);
        }
        if (b.maxResponseBytes < 1 || b.maxResponseBytes > MAX_RESPONSE_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + MAX_RESPONSE_BYTES_LIMIT
                    + ", was " + b.maxResponseBytes);
        }
        if (!Set.of("GET", "POST", "PUT").contains(b.method)) {
            throw new IllegalArgumentException("method must be GET, POST or PUT, was " + b.method);
        }
        requirePointers("response mapping", b.responseMappings);
        requirePointers("confidence", b.confidencePointers);
        requirePointers("verification", b.verificationPointers);
        this.providerName = b.name;
        this.endpoint = b.endpoint;
        this.method = b.method;
        this.requestTimeoutMillis = b.requestTimeout.toMillis();
        this.maxResponseBytes = b.maxResponseBytes;
        this.auth = b.auth;
        this.template = b.template;
        this.responseMappings = new LinkedHashMap<>(b.responseMappings);
        this.confidencePointers = new LinkedHashMap<>(b.confidencePointers);
        this.verificationPointers = new LinkedHashMap<>(b.verificationPointers);
        this.retryStatuses = new LinkedHashSet<>(b.retryStatuses);
        this.notFoundStatuses = new LinkedHashSet<>(b.notFoundStatuses);
        this.bulk = b.bulk;
    }

    private static void requirePointers(String what, Map<String, String> pointers) {
        pointers.forEach((field, pointer) -> {
            if (!pointer.startsWith("/")) {
                throw new IllegalArgumentException(what + " of " + field
                        + " must be a JSON pointer starting with '/', was '" + pointer + "'");
            }
        });
    }

    /** A builder starting from the defaults above. */
    public static Builder builder(String providerName, String endpoint) {
        return new Builder(providerName, endpoint);
    }

    @Override
    public String providerName() {
        return providerName;
    }

    /** The endpoint, possibly with {@code ${…}} placeholders (see {@link RequestTemplate}). */
    public String endpoint() {
        return endpoint;
    }

    public String method() {
        return method;
    }

    public ProviderAuth auth() {
        return auth;
    }

    public RequestTemplate template() {
        return template;
    }

    /** JSON pointer of each field in the answer; empty means {@code /values/<field>} for any field. */
    public Map<String, String> responseMappings() {
        return responseMappings;
    }

    /** The JSON pointer of {@code field}, or null if this provider does not supply it. */
    public String pointerOf(String field) {
        return responseMappings.isEmpty() ? "/values/" + field : responseMappings.get(field);
    }

    /** The JSON pointer of the confidence of {@code field}'s value (in the same answer), or null. */
    public String confidencePointerOf(String field) {
        return confidencePointers.get(field);
    }

    /** The JSON pointer of the verification status of {@code field}'s value, or null. */
    public String verificationPointerOf(String field) {
        return verificationPointers.get(field);
    }

    /** Whether the provider supplies {@code field} at all. */
    public boolean supplies(String field) {
        return pointerOf(field) != null;
    }

    /** The fields it maps (every field without a mapping), and its bulk mode's limits. */
    @Override
    public ProviderCapabilities capabilities() {
        Set<String> fields = new LinkedHashSet<>();
        FieldCatalog.ENRICHABLE_FIELDS.stream().filter(this::supplies).forEach(fields::add);
        return new ProviderCapabilities(fields,
                bulk().map(mode -> new ProviderCapabilities.BulkLimits(mode.size(), mode.maxWait())));
    }

    /** How contacts are sent many per call; empty when every lookup is its own call. */
    public Optional<BulkMode> bulk() {
        return Optional.ofNullable(bulk);
    }

    public boolean retries(int status) {
        return retryStatuses.contains(status);
    }

    public boolean meansNotFound(int status) {
        return notFoundStatuses.contains(status);
    }

    /**
     * The deadline of one call: the wait for an OAuth2 token, the response headers and the whole
     * body together (the token request itself has the same limit).
     */
    @Override
    public Duration requestTimeout() {
        return Duration.ofMillis(requestTimeoutMillis);
    }

    /** The largest response body read; a larger one fails the lookup without being read whole. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    @Override
    public HttpJsonProvider open() {
        return new HttpJsonProvider(this, System::getenv);
    }

    /** Opens with secrets read from {@code env} (tests pass a map's {@code get}). */
    HttpJsonProvider open(UnaryOperator<String> env) {
        return new HttpJsonProvider(this, env);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpJsonProviderSpec that && requestTimeoutMillis == that.requestTimeoutMillis
                && maxResponseBytes == that.maxResponseBytes
                && providerName.equals(that.providerName) && endpoint.equals(that.endpoint)
                && method.equals(that.method) && auth.equals(that.auth) && template.equals(that.template)
                && responseMappings.equals(that.responseMappings)
                && confidencePointers.equals(that.confidencePointers)
                && verificationPointers.equals(that.verificationPointers) && retryStatuses.equals(that.retryStatuses)
                && notFoundStatuses.equals(that.notFoundStatuses) && Objects.equals(bulk, that.bulk);
    }

    @Override
    public int hashCode() {
        return Objects.hash(providerName, endpoint, method, requestTimeoutMillis, auth, template, responseMappings);
    }

    @Override
    public String toString() {
        return "HttpJsonProviderSpec{" + providerName + ", " + method + " " + endpoint + ", requestTimeoutMillis="
                + requestTimeoutMillis + ", " + auth + '}';
    }

    /** Collects an {@link HttpJsonProviderSpec}'s settings; {@link #build()} validates them. */
    public static final class Builder {
        private final String name;
        private final String endpoint;
        private String method = "POST";
        private Duration requestTimeout = Duration.ofMillis(EnrichKeys.REQUEST_TIMEOUT_MS.defaultValue().orElseThrow());
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private ProviderAuth auth = ProviderAuth.none();
        private RequestTemplate template = new RequestTemplate(RequestTemplate.DES_PROTOCOL);
        private final Map<String, String> responseMappings = new LinkedHashMap<>();
        private final Map<String, String> confidencePointers = new LinkedHashMap<>();
        private final Map<String, String> verificationPointers = new LinkedHashMap<>();
        private Set<Integer> retryStatuses = Set.of(429, 500, 502, 503, 504);
        private Set<Integer> notFoundStatuses = Set.of(404);
        private BulkMode bulk;

        private Builder(String name, String endpoint) {
            this.name = name;
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint").trim();
        }

        public Builder method(String method) {
            this.method = method.trim().toUpperCase(Locale.ROOT);
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /** The largest response body accepted (default 1 MiB). */
        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        public Builder auth(ProviderAuth auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        public Builder template(RequestTemplate template) {
            this.template = Objects.requireNonNull(template, "template");
            return this;
        }

        /** Reads {@code field} at JSON pointer {@code pointer} of a 200 answer. */
        public Builder responseMapping(String field, String pointer) {
            responseMappings.put(field, pointer.trim());
            return this;
        }

        /** Reads the confidence of {@code field}'s value at {@code pointer} of the same answer. */
        public Builder confidenceMapping(String field, String pointer) {
            confidencePointers.put(field, pointer.trim());
            return this;
        }

        /** Reads the verification status of {@code field}'s value at {@code pointer} of the same answer. */
        public Builder verificationMapping(String field, String pointer) {
            verificationPointers.put(field, pointer.trim());
            return this;
        }

        /** Statuses worth retrying (default 429, 500, 502, 503, 504). */
        public Builder retryStatuses(Set<Integer> statuses) {
            this.retryStatuses = Set.copyOf(statuses);
            return this;
        }

        /** Statuses meaning "this contact is unknown" (default 404). */
        public Builder notFoundStatuses(Set<Integer> statuses) {
            this.notFoundStatuses = Set.copyOf(statuses);
            return this;
        }

        /** Sends contacts many per call (default: one call per lookup). */
        public Builder bulk(BulkMode bulk) {
            this.bulk = bulk;
            return this;
        }

        /** @throws IllegalArgumentException naming the invalid setting */
        public HttpJsonProviderSpec build() {
            return new HttpJsonProviderSpec(this);
        }
    }
}
