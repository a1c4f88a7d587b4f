package io.des.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.des.model.Erids;
import io.des.notify.WebhookSecret;
import io.des.notify.WebhookVerificationException;
import io.des.notify.WebhookVerifier;
import io.des.serve.EridState;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * DES's HTTP API for Java programs: submit an ERID's contacts in chunks, follow it, read its rows,
 * verify its webhooks. Plain JDK HTTP and Jackson: no Flink on the classpath is needed.
 *
 * <pre>{@code
 * DesClient des = DesClient.builder().url("http://127.0.0.1:8080").build(); // key from DES_API_KEY
 * des.submit(erid, contacts, List.of("professional_email"), SubmitOptions.defaults());
 * EridStatus done = des.await(erid, AwaitPolicy.defaults());
 * try (Stream<Map<String, Object>> rows = des.rows(erid)) { rows.forEach(...); }
 * }</pre>
 *
 * <p>Every call throws {@link DesApiException} when DES refuses it (a {@code 4xx} other than
 * {@code 429}, or a {@code 500}) and {@link DesException} when DES cannot be reached after the
 * resends of the {@link ResendPolicy}. Instances are thread-safe.
 */
public final class DesClient {

    /** Where local mode listens ({@code scripts/run-local.sh}). */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    /** The environment variable the API key is read from when the caller gives none. */
    public static final String API_KEY_VARIABLE = "DES_API_KEY";
    /** Rows per GET when reading rows. */
    public static final int ROWS_PAGE_SIZE = 1_000;

    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private final DesHttp http;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier uniform;

    private DesClient(Builder builder) {
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.uniform = builder.uniform;
        String key = builder.apiKey != null ? builder.apiKey : builder.environment.apply(API_KEY_VARIABLE);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what DES speaks; skips an h2c upgrade attempt
                .connectTimeout(builder.connectTimeout)
                .build();
        this.http = new DesHttp(builder.url, key == null || key.isBlank() ? null : key.strip(), client,
                builder.requestTimeout, builder.resend, sleeper, clock, uniform);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The API's base URL. */
    public URI url() {
        return http.base();
    }

    /**
     * Submits every contact of one ERID, whose total is {@code contacts.size()}.
     *
     * @param erid a UUID, any case
     * @param contacts objects of contact attributes ({@code "Last Name"} is normalised to {@code last_name} by DES)
     * @param fields the fields to enrich, e.g. {@code professional_email}
     * @throws DesApiException on the first chunk DES refuses (e.g. {@code 409 erid_conflict})
     */
    public SubmitResult submit(String erid, List<? extends Map<String, String>> contacts, List<String> fields,
            SubmitOptions options) {
        return submit(erid, contacts.size(), contacts.iterator(), fields, options);
    }

    /**
     * Submits {@code numberOfRecords} contacts read from {@code contacts} as they are needed, so a
     * large list need not be held in memory; the iterator must yield exactly that many.
     */
    public SubmitResult submit(String erid, long numberOfRecords, Iterator<? extends Map<String, String>> contacts,
            List<String> fields, SubmitOptions options) {
        if (numberOfRecords < 1) {
            throw new IllegalArgumentException("an ERID needs at least one contact");
        }
        return new ChunkSender(http, options).send(canonical(erid), numberOfRecords, contacts, List.copyOf(fields));
    }

    /**
     * The ERID's status and progress from its history entry: the registry alone, whatever the
     * ERID's age, without reading any row.
     */
    public EridStatus status(String erid) {
        String id = canonical(erid);
        return http.getUnlessNotFound("/v2/enrichment_requests/" + id).map(EridStatus::fromHistory)
                .orElseGet(() -> EridStatus.inexistent(id));
    }

    /** Polls {@link #status} by {@code policy}'s rules and returns the last status: final, or where it stood when polling stopped. */
    public EridStatus await(String erid, AwaitPolicy policy) {
        return await(erid, policy, status -> { });
    }

    /** As {@link #await(String, AwaitPolicy)}, telling {@code observer} every status polled (e.g. for a progress bar). */
    public EridStatus await(String erid, AwaitPolicy policy, Consumer<EridStatus> observer) {
        String id = canonical(erid);
        return new EridPoller(policy, sleeper, clock, uniform).await(() -> status(id), observer);
    }

    /**
     * Every row of a completed ERID, in {@code record_index} order, fetched page by page as the
     * stream is consumed. Each row is the API's JSON object ({@code field_status} a map).
     *
     * @throws DesException when the ERID is not completed
     */
    public Stream<Map<String, Object>> rows(String erid) {
        EridStatus status = status(erid);
        if (status.state() != EridState.COMPLETED) {
            throw new DesException("ERID " + status.erid() + " is " + status.state().wireName() + " ("
                    + status.recordsCommitted() + " of " + status.numberOfRecords()
                    + " records committed): its rows are served once it is completed");
        }
        LocalDate date = status.requestDate();
        return stream(new Pages(page -> rowsPage(status.erid(), date, page))).map(row -> DesHttp.JSON.convertValue(row, ROW));
    }

    private JsonNode rowsPage(String erid, LocalDate requestDate, long page) {
        // The ERID's own request date, so that an ERID older than the default window of 7 days is found.
        JsonNode answer = http.get("/v2/enriched_data?erid=" + erid + "&start_date=" + requestDate + "&end_date="
                + requestDate + "&page=" + page + "&page_size=" + ROWS_PAGE_SIZE);
        if (!"completed".equals(answer.path("status").asText())) {
            throw new DesException("ERID " + erid + " is " + answer.path("status").asText() + " while its pages were read");
        }
        return answer;
    }

    /** The caller's ERIDs of the last 30 days, newest first, optionally of one status, across every page. */
    public Stream<EridStatus> list(EridState only) {
        if (only == EridState.INEXISTENT) {
            throw new IllegalArgumentException("the history lists only ERIDs that exist");
        }
        String filter = only == null ? "" : "&status=" + only.wireName();
        return stream(new Pages(page -> http.get("/v2/enrichment_requests?page=" + page + "&page_size=1000" + filter)))
                .map(EridStatus::fromHistory);
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** The tenant the API key belongs to ({@code GET /v2/usage}). */
    public String tenant() {
        return http.get("/v2/usage").path("tenant").asText();
    }

    /**
     * Verifies a webhook DES sent (Standard Webhooks 1.0): {@code webhook-timestamp} within 5
     * minutes of this machine's clock and one {@code v1,} signature made with {@code secret}.
     *
     * @param secret the tenant's {@code whsec_…} secret
     * @param headers the request's headers, names in any case
     * @param body the raw body bytes as received, before any JSON parsing
     * @throws WebhookVerificationException when the webhook must not be trusted
     */
    public static void verifyWebhook(String secret, Map<String, String> headers, byte[] body)
            throws WebhookVerificationException {
        new WebhookVerifier(List.of(WebhookSecret.parse(secret))).verify(body, headers);
    }

    private static String canonical(String erid) {
        String id = Erids.canonical(Objects.requireNonNull(erid, "erid"));
        if (!Erids.isValid(id)) {
            throw new IllegalArgumentException("an ERID is a UUID such as 3c3f4b80-f728-4d7c-8567-1bc01df5f0a1, not '" + erid + "'");
        }
        return id;
    }

    /** Settings of a {@link DesClient}; each has a default. */
    public static final class Builder {

        private URI url = URI.create(DEFAULT_URL);
        private String apiKey;
        private Function<String, String> environment = System::getenv;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private ResendPolicy resend = ResendPolicy.defaults();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier uniform = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /** The API's base URL, {@code http} or {@code https}; default {@value DEFAULT_URL}. */
        public Builder url(String url) {
            URI uri = URI.create(Objects.requireNonNull(url, "url").strip());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("the DES URL must be http(s)://host[:port][/path], not '" + url + "'");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
            this.url = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path + "/");
            return this;
        }

        /** Sent as {@code Authorization: Bearer}; default: the {@value API_KEY_VARIABLE} environment variable, else none. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Where {@value API_KEY_VARIABLE} is looked up; the process environment by default (tests replace it). */
        Builder environment(Function<String, String> environment) {
            this.environment = environment;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** How long one HTTP call may take; default 60 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder resendPolicy(ResendPolicy resend) {
            this.resend = resend;
            return this;
        }

        /** How waits are made (resends, polling); tests inject one that moves their clock. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** The clock of timeouts and of {@code Retry-After} dates. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Numbers uniform in [0, 1) for jitter; tests fix them. */
        public Builder random(DoubleSupplier uniform) {
            this.uniform = uniform;
            return this;
        }

        public DesClient build() {
            return new DesClient(this);
        }
    }
}
