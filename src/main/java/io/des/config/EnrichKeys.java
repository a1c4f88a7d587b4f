package io.des.config;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The keys of the {@code DesEnrich} property group: the enrichment operator ({@code async.*}), the
 * lookup cache ({@code cache.*}), the providers ({@code providers}, {@code provider.<p>.*}) and
 * their per-field waterfalls ({@code waterfall.<field>}), and the single-provider keys of earlier
 * versions, which read as a waterfall of one provider. {@code docs/providers.md} explains them at
 * length.
 */
public final class EnrichKeys {

    private EnrichKeys() {}

    // The operator
    public static final Setting<Long> ASYNC_TIMEOUT_MS = Setting.key("async.timeout-ms").wholeNumber()
            .defaultValue(30_000L).atLeast(1L).unit("ms")
            .description("limit of a record's whole enrichment, retries included, from its release to the providers;"
                    + " then it is emitted as failed. Must exceed every provider's request timeout");
    public static final Setting<Long> ASYNC_CAPACITY = Setting.key("async.capacity").wholeNumber()
            .defaultValue(100L).between(1L, (long) Integer.MAX_VALUE).unit("records")
            .description("records handed to the providers at once per parallel instance (the providers' gates may"
                    + " hold some back); the async timeout counts from this release");
    public static final Setting<Long> ASYNC_BACKLOG = Setting.key("async.backlog").wholeNumber()
            .defaultValue(100_000L).between(0L, (long) Integer.MAX_VALUE).unit("records")
            .description("records waiting for their turn per parallel instance, in the operator's checkpointed state,"
                    + " released fairly across tenants and ERIDs; past it the job applies backpressure. With"
                    + " async.capacity at most 2147483647");

    // The lookup cache
    public static final Setting<Boolean> CACHE_ENABLED = Setting.key("cache.enabled").flag().defaultValue(true)
            .description("reuse provider answers (found and not found) for repeated lookups, in every mode");
    public static final Setting<Long> CACHE_TTL_HOURS = Setting.key("cache.ttl-hours").wholeNumber()
            .defaultValue(24L).between(1L, 87_600L).unit("hours")
            .description("how long an answer is reused");
    public static final Setting<Long> CACHE_MAX_ENTRIES = Setting.key("cache.max-entries").wholeNumber()
            .defaultValue(100_000L).between(1L, (long) Integer.MAX_VALUE).unit("answers")
            .description("answers kept per parallel instance, least recently used evicted first; held on the heap"
                    + " and written whole at every checkpoint (about 100 bytes plus the values each)");

    // Providers and waterfalls
    public static final Setting<List<String>> PROVIDERS = Setting.key("providers").list()
            .defaultText("the single-provider keys")
            .description("the providers, by name (letters, digits, _ and -); each is declared by its"
                    + " provider.<p>.* keys");
    public static final Setting<List<String>> WATERFALL = Setting.key("waterfall.<field>").list()
            .defaultText("every provider that supplies the field, in the order of providers")
            .description("the providers asked for <field>, in order; with providers only");

    public static final Setting<Double> ACCEPT_MIN_CONFIDENCE = Setting.key("accept.<field>.min-confidence").decimal()
            .defaultText("the first value found")
            .description("a waterfall takes a value of <field> only with at least this confidence (or an accepted"
                    + " status), asks the next provider otherwise, and keeps the most confident value seen if none passes;"
                    + " with providers only");
    public static final Setting<List<String>> ACCEPT_STATUSES = Setting.key("accept.<field>.statuses").list()
            .defaultText("the first value found")
            .description("verification statuses (any case) with which a waterfall takes a value of <field> whatever"
                    + " its confidence; with providers only");

    public static final Setting<String> TYPE = Setting.key("provider.<p>.type").oneOf("http", "class")
            .defaultValue("http")
            .description("http, or class for a provider written in Java, which receives its provider.<p>.* keys");
    public static final Setting<String> CLASS = Setting.key("provider.<p>.class").text()
            .defaultText("required with class")
            .description("a ProviderSpec with a public (String name, Properties settings) constructor");
    public static final Setting<String> ENDPOINT = Setting.key("provider.<p>.endpoint").text()
            .defaultText("required with http")
            .description("absolute http(s) URL; may hold ${contact.<attribute>} placeholders in its path (each value one"
                    + " percent-encoded segment) and query, nowhere else");
    public static final Setting<String> METHOD = Setting.key("provider.<p>.method").oneOf("get", "post", "put")
            .defaultText("POST").description("GET sends no body");
    public static final Setting<Long> REQUEST_TIMEOUT_MS = Setting.key("provider.<p>.request-timeout-ms")
            .wholeNumber().defaultValue(2_000L).atLeast(1L).unit("ms")
            .description("deadline of one HTTP call: connect, answer and the whole body (and the wait for an"
                    + " OAuth2 token, whose request has the same limit)");
    public static final Setting<String> REQUEST_TEMPLATE = Setting.key("provider.<p>.request-template").text()
            .defaultText("the DES protocol").description("the JSON body, with ${…} placeholders");
    public static final Setting<String> RESPONSE = Setting.key("provider.<p>.response.<field>").text()
            .defaultText("/values/<field> for every field")
            .description("JSON pointer of <field> in a 2xx answer; when any is given, the provider supplies only"
                    + " the fields it maps");
    public static final Setting<String> CONFIDENCE = Setting.key("provider.<p>.confidence.<field>").text()
            .defaultText("no confidence")
            .description("JSON pointer of the confidence of <field>'s value, in the same answer (a number)");
    public static final Setting<String> VERIFICATION = Setting.key("provider.<p>.verification.<field>").text()
            .defaultText("no status")
            .description("JSON pointer of the verification status of <field>'s value, in the same answer");
    public static final Setting<Set<Integer>> RETRY_STATUSES = Setting.key("provider.<p>.retry-statuses")
            .of(SettingType.HTTP_STATUSES)
            .defaultText("429,500,502,503,504")
            .description("statuses worth retrying; any other non-2xx status is a final failure");
    public static final Setting<Set<Integer>> NOT_FOUND_STATUSES = Setting.key("provider.<p>.not-found-statuses")
            .of(SettingType.HTTP_STATUSES).defaultText("404").description("statuses that mean \"this contact is unknown\"");
    /** The largest {@link #MAX_RESPONSE_BYTES} allowed: an answer is held in one array. */
    public static final long MAX_RESPONSE_BYTES_LIMIT = 1L << 30;
    public static final Setting<Long> MAX_RESPONSE_BYTES = Setting.key("provider.<p>.max-response-bytes")
            .wholeNumber().defaultValue(1L << 20).between(1L, MAX_RESPONSE_BYTES_LIMIT).unit("bytes")
            .description("the largest answer read (token answers included); a larger one fails the lookup"
                    + " without being read whole");

    public static final Setting<Long> BULK_SIZE = Setting.key("provider.<p>.bulk.size").wholeNumber()
            .defaultText("no bulk mode").between(1L, 10_000L).unit("contacts")
            .description("most contacts per call; its presence turns bulk mode on");
    public static final Setting<Long> BULK_MAX_WAIT_MS = Setting.key("provider.<p>.bulk.max-wait-ms").wholeNumber()
            .defaultValue(50L).atLeast(1L).unit("ms")
            .description("how long a partial batch waits for more contacts, after its first one");
    public static final Setting<String> BULK_REQUEST_TEMPLATE = Setting.key("provider.<p>.bulk.request-template")
            .text().defaultText("{\"contacts\": ${contacts}}")
            .description("the body of a bulk call; ${contacts} becomes the array of per-contact requests");
    public static final Setting<String> BULK_ITEMS = Setting.key("provider.<p>.bulk.response.items").text()
            .defaultText("/results").description("JSON pointer of the array of per-contact answers");
    public static final Setting<String> BULK_MATCH = Setting.key("provider.<p>.bulk.response.match").text()
            .defaultText("/lookup_id")
            .description("index (answers in the order sent), or the JSON pointer of the id each contact was sent with");

    public static final Setting<String> AUTH_TYPE = Setting.key("provider.<p>.auth.type")
            .oneOf("none", "api-key", "bearer", "basic", "oauth2-client-credentials").defaultValue("none")
            .description("how calls are authenticated; secrets come only from environment variables");
    public static final Setting<String> AUTH_HEADER = Setting.key("provider.<p>.auth.header").text()
            .defaultValue("X-API-Key").description("api-key: the header the key is sent in");
    public static final Setting<String> AUTH_KEY_ENV = Setting.key("provider.<p>.auth.key-env").text()
            .defaultText("required with api-key").description("api-key: the environment variable holding the key");
    public static final Setting<String> AUTH_TOKEN_ENV = Setting.key("provider.<p>.auth.token-env").text()
            .defaultText("required with bearer").description("bearer: the environment variable holding the token");
    public static final Setting<String> AUTH_USERNAME_ENV = Setting.key("provider.<p>.auth.username-env").text()
            .defaultText("required with basic").description("basic: the environment variable holding the user name");
    public static final Setting<String> AUTH_PASSWORD_ENV = Setting.key("provider.<p>.auth.password-env").text()
            .defaultText("required with basic").description("basic: the environment variable holding the password");
    public static final Setting<String> AUTH_TOKEN_URL = Setting.key("provider.<p>.auth.token-url").text()
            .defaultText("required with oauth2-client-credentials").description("oauth2: the token endpoint");
    public static final Setting<String> AUTH_CLIENT_ID_ENV = Setting.key("provider.<p>.auth.client-id-env").text()
            .defaultText("required with oauth2-client-credentials")
            .description("oauth2: the environment variable holding the client id");
    public static final Setting<String> AUTH_CLIENT_SECRET_ENV = Setting.key("provider.<p>.auth.client-secret-env")
            .text().defaultText("required with oauth2-client-credentials")
            .description("oauth2: the environment variable holding the client secret");
    public static final Setting<String> AUTH_SCOPE = Setting.key("provider.<p>.auth.scope").text()
            .description("oauth2: the scope asked for");

    public static final Setting<Long> MAX_IN_FLIGHT = Setting.key("provider.<p>.max-in-flight").wholeNumber()
            .defaultValue(16L).between(1L, (long) Integer.MAX_VALUE).unit("calls")
            .description("calls in flight at once, per parallel instance");
    public static final Setting<Double> RPS = Setting.key("provider.<p>.rps").decimal().defaultText("no limit")
            .above(0.0).unit("requests/s").description("requests per second for the whole job");
    public static final Setting<Long> CIRCUIT_FAILURE_THRESHOLD = Setting.key("provider.<p>.circuit.failure-threshold")
            .wholeNumber().defaultValue(10L).between(1L, (long) Integer.MAX_VALUE).unit("failures")
            .description("consecutive failures that open the circuit");
    public static final Setting<Long> CIRCUIT_OPEN_MS = Setting.key("provider.<p>.circuit.open-ms").wholeNumber()
            .defaultValue(30_000L).atLeast(1L).unit("ms")
            .description("how long an open circuit refuses calls before one trial call");
    public static final Setting<Long> RETRY_MAX_ATTEMPTS = Setting.key("provider.<p>.retry.max-attempts")
            .wholeNumber().defaultValue(4L).between(1L, 100L).unit("attempts")
            .description("attempts per call, the first included (1 disables retries)");
    public static final Setting<Long> RETRY_INITIAL_BACKOFF_MS = Setting.key("provider.<p>.retry.initial-backoff-ms")
            .wholeNumber().defaultValue(100L).atLeast(1L).unit("ms").description("cap of the wait before the first retry");
    public static final Setting<Long> RETRY_MAX_BACKOFF_MS = Setting.key("provider.<p>.retry.max-backoff-ms")
            .wholeNumber().defaultValue(5_000L).atLeast(1L).unit("ms")
            .description("cap of any wait; at least retry.initial-backoff-ms");
    public static final Setting<Long> RETRY_AFTER_CAP_MS = Setting.key("provider.<p>.retry-after-cap-ms").wholeNumber()
            .defaultValue(60_000L).atLeast(0L).unit("ms")
            .description("longest Retry-After obeyed; a longer one fails the call at once and opens the provider's"
                    + " circuit that long, so a waterfall asks the next provider");

    // The single-provider keys of earlier versions: a waterfall of one provider speaking the DES protocol.
    public static final Setting<String> LEGACY_NAME = Setting.key("provider.name").text().defaultValue("sandbox")
            .description("without providers: the one provider's name, recorded as the source of its values");
    public static final Setting<URI> LEGACY_ENDPOINT = Setting.key("provider.endpoint").of(SettingType.HTTP_URL)
            .defaultText("required without providers")
            .description("without providers: the one provider's endpoint (provider.<p>.endpoint)");
    public static final Setting<Long> LEGACY_REQUEST_TIMEOUT_MS = Setting.key("provider.request-timeout-ms")
            .wholeNumber().defaultValue(2_000L).atLeast(1L).unit("ms")
            .description("without providers: provider.<p>.request-timeout-ms of the one provider");
    public static final Setting<Long> LEGACY_RETRY_MAX_ATTEMPTS = Setting.key("retry.max-attempts").wholeNumber()
            .defaultValue(4L).between(1L, 100L).unit("attempts")
            .description("without providers: provider.<p>.retry.max-attempts of the one provider");
    public static final Setting<Long> LEGACY_RETRY_INITIAL_BACKOFF_MS = Setting.key("retry.initial-backoff-ms")
            .wholeNumber().defaultValue(100L).atLeast(1L).unit("ms")
            .description("without providers: provider.<p>.retry.initial-backoff-ms of the one provider");
    public static final Setting<Long> LEGACY_RETRY_MAX_BACKOFF_MS = Setting.key("retry.max-backoff-ms").wholeNumber()
            .defaultValue(5_000L).atLeast(1L).unit("ms")
            .description("without providers: provider.<p>.retry.max-backoff-ms of the one provider");

    /** The single-provider keys, which {@link #PROVIDERS} replaces. */
    public static final List<Setting<?>> LEGACY = List.of(LEGACY_NAME, LEGACY_ENDPOINT, LEGACY_REQUEST_TIMEOUT_MS,
            LEGACY_RETRY_MAX_ATTEMPTS, LEGACY_RETRY_INITIAL_BACKOFF_MS, LEGACY_RETRY_MAX_BACKOFF_MS);

    public static final SettingGroup ENRICH = new SettingGroup("DesEnrich", SettingGroup.Kind.PROPERTY_GROUP,
            "The enrichment operator, its lookup cache, the providers and their waterfalls (docs/providers.md).",
            List.of(ASYNC_TIMEOUT_MS, ASYNC_CAPACITY, ASYNC_BACKLOG, CACHE_ENABLED, CACHE_TTL_HOURS,
                    CACHE_MAX_ENTRIES, PROVIDERS, WATERFALL, ACCEPT_MIN_CONFIDENCE, ACCEPT_STATUSES, TYPE, CLASS,
                    ENDPOINT, METHOD, REQUEST_TIMEOUT_MS, REQUEST_TEMPLATE, RESPONSE, CONFIDENCE, VERIFICATION,
                    RETRY_STATUSES, NOT_FOUND_STATUSES, MAX_RESPONSE_BYTES, BULK_SIZE, BULK_MAX_WAIT_MS,
                    BULK_REQUEST_TEMPLATE, BULK_ITEMS, BULK_MATCH, AUTH_TYPE, AUTH_HEADER, AUTH_KEY_ENV,
                    AUTH_TOKEN_ENV, AUTH_USERNAME_ENV, AUTH_PASSWORD_ENV, AUTH_TOKEN_URL, AUTH_CLIENT_ID_ENV,
                    AUTH_CLIENT_SECRET_ENV, AUTH_SCOPE, MAX_IN_FLIGHT, RPS, CIRCUIT_FAILURE_THRESHOLD,
                    CIRCUIT_OPEN_MS, RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF_MS, RETRY_MAX_BACKOFF_MS,
                    RETRY_AFTER_CAP_MS, LEGACY_NAME, LEGACY_ENDPOINT, LEGACY_REQUEST_TIMEOUT_MS,
                    LEGACY_RETRY_MAX_ATTEMPTS, LEGACY_RETRY_INITIAL_BACKOFF_MS, LEGACY_RETRY_MAX_BACKOFF_MS),
            List.of());

}
