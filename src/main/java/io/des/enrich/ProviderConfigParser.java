package io.des.enrich;

import io.des.model.FieldCatalog;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads providers and waterfalls declared in configuration (the {@code DesEnrich} group) into a
 * {@link WaterfallSpec}. Every problem is reported at once, each naming its provider and key.
 *
 * <p>Keys, for each name {@code <p>} listed in {@code providers=a,b} (defaults in brackets; the full
 * reference is {@code docs/providers.md}):
 * <ul>
 *   <li>{@code provider.<p>.type} [http]: {@code http}, or {@code class} with
 *       {@code provider.<p>.class} naming a {@link ProviderSpec} with a public
 *       {@code (String name, Properties settings)} constructor, which receives the provider's keys
 *       without the {@code provider.<p>.} prefix;</li>
 *   <li>http: {@code endpoint} (required), {@code method} [POST], {@code request-timeout-ms} [2000],
 *       {@code request-template} [the DES protocol], {@code response.<field>} (JSON pointer)
 *       [/values/&lt;field&gt; for every field], {@code retry-statuses} [429,500,502,503,504],
 *       {@code not-found-statuses} [404], {@code auth.type} [none] and its {@code auth.*} keys
 *       (see {@link ProviderAuth});</li>
 *   <li>http bulk mode, on when {@code bulk.size} is given: {@code bulk.size} (contacts per call),
 *       {@code bulk.max-wait-ms} [50], {@code bulk.request-template} [{"contacts": ${contacts}}],
 *       {@code bulk.response.items} [/results], {@code bulk.response.match} [/lookup_id] (or
 *       {@code index}); the per-contact {@code request-template} then defaults to the DES bulk
 *       element (see {@link BulkMode});</li>
 *   <li>limits of any type: {@code max-in-flight} [16], {@code rps} [no limit], {@code circuit.failure-threshold}
 *       [10], {@code circuit.open-ms} [30000], {@code retry.max-attempts} [4],
 *       {@code retry.initial-backoff-ms} [100], {@code retry.max-backoff-ms} [5000];</li>
 *   <li>{@code waterfall.<field>=a,b}: the providers asked for {@code <field>}, in order
 *       [every provider that supplies the field, in the order of {@code providers}].</li>
 * </ul>
 */
public final class ProviderConfigParser {

    /** The key listing the providers; its presence switches from the single-provider keys. */
    public static final String PROVIDERS = "providers";
    public static final String WATERFALL_PREFIX = "waterfall.";

    private static final Set<String> HTTP_KEYS = Set.of("type", "endpoint", "method", "request-timeout-ms",
            "request-template", "retry-statuses", "not-found-statuses", "bulk.size", "bulk.max-wait-ms",
            "bulk.request-template", "bulk.response.items", "bulk.response.match");
    private static final Set<String> LIMIT_KEYS = Set.of("max-in-flight", "rps", "circuit.failure-threshold",
            "circuit.open-ms", "retry.max-attempts", "retry.initial-backoff-ms", "retry.max-backoff-ms");

    private final Properties properties;
    private final UnaryOperator<String> env;
    private final List<String> problems = new ArrayList<>();

    private ProviderConfigParser(Properties properties, UnaryOperator<String> env) {
        this.properties = properties;
        this.env = env;
    }

    /** Whether {@code properties} declare providers by name (else the single-provider keys apply). */
    public static boolean declaresProviders(Properties properties) {
        return properties.getProperty(PROVIDERS) != null;
    }

    /**
     * Parses the providers and waterfalls, checking that every secret's environment variable is set.
     *
     * @param env environment lookup ({@code System::getenv} in production)
     * @throws IllegalArgumentException listing every problem, each naming the provider and key
     */
    public static WaterfallSpec parse(Properties properties, UnaryOperator<String> env) {
        return new ProviderConfigParser(properties, env).parse();
    }

    private WaterfallSpec parse() {
        List<String> names = list(properties.getProperty(PROVIDERS));
        if (names.isEmpty()) {
            problems.add("'" + PROVIDERS + "' must name at least one provider");
        }
        Map<String, ProviderSpec> specs = new LinkedHashMap<>();
        Map<String, ProviderLimits> limits = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                problems.add("provider name '" + name + "' may only hold letters, digits, '_' and '-'");
                continue;
            }
            Properties own = subset("provider." + name + ".");
            ProviderSpec spec = "class".equals(own.getProperty("type")) ? customSpec(name, own) : httpSpec(name, own);
            ProviderLimits limit = limits(name, own);
            if (spec != null && limit != null) {
                specs.put(name, spec);
                limits.put(name, limit);
            }
        }
        Map<String, List<String>> chains = chains(names, specs);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid provider configuration:\n  - " + String.join("\n  - ", problems));
        }
        return new WaterfallSpec(specs, limits, chains);
    }

    private ProviderSpec httpSpec(String name, Properties own) {
        int before = problems.size();
        for (String key : own.stringPropertyNames()) {
            if (!HTTP_KEYS.contains(key) && !LIMIT_KEYS.contains(key) && !key.startsWith("response.")
                    && !key.startsWith("auth.")) {
                problem(name, key, "is not a known provider setting");
            }
        }
        String type = own.getProperty("type", "http");
        if (!type.equals("http")) {
            problem(name, "type", "must be http or class, was '" + type + "'");
        }
        ProviderAuth auth = auth(name, own);
        String endpoint = own.getProperty("endpoint");
        if (endpoint == null || endpoint.isBlank()) {
            problem(name, "endpoint", "is required");
            return null;
        }
        HttpJsonProviderSpec.Builder builder = HttpJsonProviderSpec.builder(name, endpoint)
                .method(own.getProperty("method", "POST"))
                .requestTimeout(Duration.ofMillis(number(name, own, "request-timeout-ms",
                        EnrichmentSettings.DEFAULT_REQUEST_TIMEOUT_MS)));
        boolean bulk = own.getProperty("bulk.size") != null;
        String template = own.getProperty("request-template", bulk ? RequestTemplate.DES_BULK_ELEMENT : null);
        RequestTemplate requestTemplate = null;
        if (template != null) {
            try {
                requestTemplate = new RequestTemplate(template);
                builder.template(requestTemplate);
            } catch (IllegalArgumentException e) {
                problem(name, "request-template", e.getMessage());
            }
        }
        if (bulk) {
            bulkMode(name, own, endpoint, requestTemplate).ifPresent(builder::bulk);
        } else {
            own.stringPropertyNames().stream().filter(key -> key.startsWith("bulk.")).sorted().forEach(key ->
                    problem(name, key, "needs provider." + name + ".bulk.size (bulk mode is off without it)"));
            if (requestTemplate != null && requestTemplate.usesLookupId()) {
                problem(name, "request-template", "uses ${lookup_id}, which only bulk mode (bulk.size) fills");
            }
        }
        for (String key : own.stringPropertyNames()) {
            if (key.startsWith("response.")) {
                String field = key.substring("response.".length());
                if (!FieldCatalog.isEnrichableField(field)) {
                    problem(name, key, "names no enrichable field (known: " + FieldCatalog.ENRICHABLE_FIELDS + ")");
                }
                builder.responseMapping(field, own.getProperty(key));
            }
        }
        statuses(name, own, "retry-statuses").ifPresent(builder::retryStatuses);
        statuses(name, own, "not-found-statuses").ifPresent(builder::notFoundStatuses);
        builder.auth(auth);
        if (problems.size() > before) {
            return null;
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            problem(name, e.getMessage().startsWith("method") ? "method"
                    : e.getMessage().startsWith("response mapping") ? "response" : "endpoint", e.getMessage());
            return null;
        }
    }

    private Optional<BulkMode> bulkMode(String name, Properties own, String endpoint, RequestTemplate template) {
        int before = problems.size();
        long size = number(name, own, "bulk.size", 1);
        long maxWait = number(name, own, "bulk.max-wait-ms", BulkMode.DEFAULT_MAX_WAIT_MS);
        if (own.getProperty("method", "POST").trim().equalsIgnoreCase("GET")) {
            problem(name, "method", "must be POST or PUT in bulk mode, since a bulk call has a body");
        }
        if (endpoint.contains("${")) {
            problem(name, "endpoint", "may hold no placeholders in bulk mode, since one call carries many contacts");
        }
        BulkRequestTemplate bulkTemplate = null;
        try {
            bulkTemplate = new BulkRequestTemplate(own.getProperty("bulk.request-template", BulkMode.DES_BULK_PROTOCOL));
        } catch (IllegalArgumentException e) {
            problem(name, "bulk.request-template", e.getMessage());
        }
        String items = own.getProperty("bulk.response.items", BulkMode.DES_BULK_ITEMS);
        if (!items.startsWith("/")) {
            problem(name, "bulk.response.items", "must be a JSON pointer starting with '/', was '" + items + "'");
        }
        String match = own.getProperty("bulk.response.match", BulkMode.DES_BULK_MATCH);
        if (!match.equals(BulkMode.BY_INDEX) && !match.startsWith("/")) {
            problem(name, "bulk.response.match", "must be 'index' or a JSON pointer starting with '/', was '"
                    + match + "'");
        } else if (!match.equals(BulkMode.BY_INDEX) && template != null && !template.usesLookupId()) {
            problem(name, "bulk.response.match", "matches by an echoed id, so provider." + name
                    + ".request-template must send ${lookup_id}");
        }
        if (problems.size() > before || bulkTemplate == null) {
            return Optional.empty();
        }
        return Optional.of(new BulkMode((int) Math.min(size, 10_000), Duration.ofMillis(maxWait), bulkTemplate, items,
                match));
    }

    private ProviderAuth auth(String name, Properties own) {
        String typeName = own.getProperty("auth.type", "none").trim();
        ProviderAuth.Type type = ProviderAuth.Type.named(typeName);
        if (type == null) {
            problem(name, "auth.type", "must be one of none, api-key, bearer, basic, oauth2-client-credentials, was '"
                    + typeName + "'");
            return ProviderAuth.none();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : own.stringPropertyNames()) {
            if (key.startsWith("auth.") && !key.equals("auth.type")) {
                settings.put(key.substring("auth.".length()), own.getProperty(key).trim());
            }
        }
        ProviderAuth auth = new ProviderAuth(type, settings);
        auth.problems(env).forEach(problem -> problems.add("provider '" + name + "': 'provider." + name + "."
                + problem.replaceFirst(" ", "' ")));
        return auth;
    }

    private ProviderSpec customSpec(String name, Properties own) {
        String className = own.getProperty("class");
        if (className == null || className.isBlank()) {
            problem(name, "class", "is required when type is class");
            return null;
        }
        try {
            Class<? extends ProviderSpec> type = Class.forName(className.trim()).asSubclass(ProviderSpec.class);
            Constructor<? extends ProviderSpec> constructor = type.getConstructor(String.class, Properties.class);
            return constructor.newInstance(name, own);
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            problem(name, "class", "must name a ProviderSpec with a public (String, Properties) constructor: " + e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            problem(name, "class", "could not be created: " + cause.getMessage());
        }
        return null;
    }

    private ProviderLimits limits(String name, Properties own) {
        int before = problems.size();
        long maxInFlight = number(name, own, "max-in-flight", ProviderLimits.DEFAULT_MAX_IN_FLIGHT);
        double rps = 0;
        String rawRps = own.getProperty("rps");
        if (rawRps != null) {
            try {
                rps = Double.parseDouble(rawRps.trim());
                if (!(rps > 0) || Double.isInfinite(rps)) {
                    problem(name, "rps", "must be a positive number, was " + rawRps);
                }
            } catch (NumberFormatException e) {
                problem(name, "rps", "must be a positive number, was '" + rawRps + "'");
            }
        }
        long threshold = number(name, own, "circuit.failure-threshold", ProviderLimits.DEFAULT_CIRCUIT_FAILURE_THRESHOLD);
        long openMs = number(name, own, "circuit.open-ms", ProviderLimits.DEFAULT_CIRCUIT_OPEN_MS);
        long attempts = number(name, own, "retry.max-attempts", RetryPolicy.DEFAULT_MAX_ATTEMPTS);
        long initial = number(name, own, "retry.initial-backoff-ms", RetryPolicy.DEFAULT_INITIAL_BACKOFF.toMillis());
        long max = number(name, own, "retry.max-backoff-ms", RetryPolicy.DEFAULT_MAX_BACKOFF.toMillis());
        if (max < initial) {
            problem(name, "retry.max-backoff-ms", "must be at least retry.initial-backoff-ms (" + initial + ")");
        }
        if (attempts > 100) {
            problem(name, "retry.max-attempts", "must be at most 100, was " + attempts);
        }
        if (problems.size() > before) {
            return null;
        }
        RetryPolicy retry = new RetryPolicy((int) attempts, Duration.ofMillis(initial), Duration.ofMillis(max),
                RetryPolicy.DEFAULT_MULTIPLIER);
        return new ProviderLimits((int) Math.min(maxInFlight, Integer.MAX_VALUE), rps,
                (int) Math.min(threshold, Integer.MAX_VALUE), openMs, retry);
    }

    private Map<String, List<String>> chains(List<String> names, Map<String, ProviderSpec> specs) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(WATERFALL_PREFIX)) {
                String field = key.substring(WATERFALL_PREFIX.length());
                if (!FieldCatalog.isEnrichableField(field)) {
                    problems.add("'" + key + "' names no enrichable field (known: " + FieldCatalog.ENRICHABLE_FIELDS + ")");
                }
                List<String> chain = list(properties.getProperty(key));
                for (String provider : chain) {
                    if (!names.contains(provider)) {
                        problems.add("'" + key + "' names provider '" + provider + "', which is not in '" + PROVIDERS + "'");
                    }
                }
                chains.put(field, chain);
            }
        }
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            if (!chains.containsKey(field)) {
                List<String> suppliers = new ArrayList<>();
                specs.forEach((name, spec) -> {
                    if (!(spec instanceof HttpJsonProviderSpec http) || http.supplies(field)) {
                        suppliers.add(name);
                    }
                });
                chains.put(field, suppliers);
            }
        }
        return chains;
    }

    private Optional<Set<Integer>> statuses(String name, Properties own, String key) {
        String raw = own.getProperty(key);
        if (raw == null) {
            return Optional.empty();
        }
        Set<Integer> statuses = new LinkedHashSet<>();
        for (String status : list(raw)) {
            if (!status.matches("[1-5]\\d\\d")) {
                problem(name, key, "must list HTTP statuses, found '" + status + "'");
            } else {
                statuses.add(Integer.parseInt(status));
            }
        }
        return Optional.of(statuses);
    }

    private long number(String name, Properties own, String key, long defaultValue) {
        String raw = own.getProperty(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(name, key, "must be a whole number of at least 1, was '" + raw + "'");
        return defaultValue;
    }

    private void problem(String provider, String key, String message) {
        problems.add("provider '" + provider + "': 'provider." + provider + "." + key + "' " + message);
    }

    private Properties subset(String prefix) {
        Properties subset = new Properties();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                subset.setProperty(key.substring(prefix.length()), properties.getProperty(key).trim());
            }
        }
        return subset;
    }

    private static List<String> list(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
