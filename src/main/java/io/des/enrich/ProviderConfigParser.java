package io.des.enrich;

import io.des.config.ConfigProblems;
import io.des.config.ConfigValues;
import io.des.config.EnrichKeys;
import io.des.config.Setting;
import io.des.model.FieldCatalog;
import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Builds the providers and waterfalls declared in the {@code DesEnrich} group into a {@link
 * WaterfallSpec}, from values the catalogue ({@link EnrichKeys}, {@code docs/configuration.md})
 * has already checked key by key; here go the rules that join keys. Every problem goes to the
 * one {@link ConfigProblems}, each naming its key. {@code docs/providers.md} explains the keys.
 */
public final class ProviderConfigParser {

    /** The key listing the providers; its presence switches from the single-provider keys. */
    public static final String PROVIDERS = EnrichKeys.PROVIDERS.key();

    private final ConfigValues values;
    private final UnaryOperator<String> env;
    private final ConfigProblems problems;

    private ProviderConfigParser(ConfigValues values, UnaryOperator<String> env, ConfigProblems problems) {
        this.values = values;
        this.env = env;
        this.problems = problems;
    }

    /** Whether {@code properties} declare providers by name (else the single-provider keys apply). */
    public static boolean declaresProviders(Properties properties) {
        return properties.getProperty(PROVIDERS) != null;
    }

    /**
     * Whether {@code key} belongs to a provider written in Java ({@code provider.<p>.type=class}),
     * whose keys beyond the catalogue's are its own, handed to it unchecked.
     */
    static boolean isOwnKeyOfJavaProvider(Properties properties, String key) {
        String[] parts = key.split("\\.", 3);
        return parts.length == 3 && parts[0].equals("provider")
                && "class".equals(trimmed(properties.getProperty(EnrichKeys.TYPE.at(parts[1]))));
    }

    /**
     * Builds the providers and waterfalls from the checked {@code DesEnrich} values, checking what
     * the catalogue cannot see key by key (secrets set in the environment, templates, bulk mode).
     *
     * @param env environment lookup ({@code System::getenv} in production)
     * @return the waterfall, or null when a problem was reported
     */
    static WaterfallSpec parse(ConfigValues values, UnaryOperator<String> env, ConfigProblems problems) {
        return new ProviderConfigParser(values, env, problems).parse();
    }

    private WaterfallSpec parse() {
        int before = count();
        List<String> names = values.find(EnrichKeys.PROVIDERS).orElse(List.of());
        if (names.isEmpty()) {
            problem(PROVIDERS, "must name at least one provider");
        }
        Map<String, ProviderSpec> specs = new LinkedHashMap<>();
        Map<String, ProviderLimits> limits = new LinkedHashMap<>();
        for (String name : names) {
            if (!name.matches("[A-Za-z0-9_-]+")) {
                problem(PROVIDERS, "holds '" + name + "': a provider name may only hold letters, digits, '_' and '-'");
                continue;
            }
            ProviderSpec spec = values.get(EnrichKeys.TYPE, name).equals("class") ? customSpec(name) : httpSpec(name);
            ProviderLimits limit = limits(name);
            if (spec != null && limit != null) {
                specs.put(name, spec);
                limits.put(name, limit);
            }
        }
        refuseUndeclaredProviders(names);
        Map<String, List<String>> chains = chains(names, specs);
        Map<String, AcceptanceRule> acceptance = acceptanceRules();
        return count() > before ? null : new WaterfallSpec(specs, limits, chains, acceptance);
    }

    /** Keys of a provider {@code providers} does not list would be ignored: refused instead. */
    private void refuseUndeclaredProviders(List<String> names) {
        for (String key : values.keys()) {
            String[] parts = key.split("\\.", 3);
            if (parts.length == 3 && parts[0].equals("provider") && !names.contains(parts[1])
                    && EnrichKeys.LEGACY.stream().noneMatch(legacy -> legacy.matches(key))) {
                problem(key, "belongs to provider '" + parts[1] + "', which is not in " + PROVIDERS);
            }
        }
    }

    private ProviderSpec httpSpec(String name) {
        int before = count();
        ProviderAuth auth = auth(name);
        String endpoint = values.raw(EnrichKeys.ENDPOINT.at(name));
        if (endpoint == null || endpoint.isBlank()) {
            problem(EnrichKeys.ENDPOINT.at(name), "is required");
            return null;
        }
        String method = values.find(EnrichKeys.METHOD, name).orElse("post").toUpperCase(Locale.ROOT);
        HttpJsonProviderSpec.Builder builder = HttpJsonProviderSpec.builder(name, endpoint)
                .method(method)
                .requestTimeout(Duration.ofMillis(values.get(EnrichKeys.REQUEST_TIMEOUT_MS, name)))
                .maxResponseBytes(values.get(EnrichKeys.MAX_RESPONSE_BYTES, name));
        boolean bulk = values.isSet(EnrichKeys.BULK_SIZE, name);
        String template = values.find(EnrichKeys.REQUEST_TEMPLATE, name)
                .orElse(bulk ? RequestTemplate.DES_BULK_ELEMENT : null);
        RequestTemplate requestTemplate = null;
        if (template != null) {
            try {
                requestTemplate = new RequestTemplate(template);
                builder.template(requestTemplate);
            } catch (IllegalArgumentException e) {
                problem(EnrichKeys.REQUEST_TEMPLATE.at(name), e.getMessage());
            }
        }
        if (bulk) {
            bulkMode(name, method, endpoint, requestTemplate).ifPresent(builder::bulk);
        } else {
            values.keys().stream().filter(key -> key.startsWith("provider." + name + ".bulk.")).sorted().forEach(key ->
                    problem(key, "needs " + EnrichKeys.BULK_SIZE.at(name) + " (bulk mode is off without it)"));
            if (requestTemplate != null && requestTemplate.usesLookupId()) {
                problem(EnrichKeys.REQUEST_TEMPLATE.at(name), "uses ${lookup_id}, which only bulk mode (bulk.size) fills");
            }
        }
        for (String field : values.instances(EnrichKeys.RESPONSE, name)) {
            if (!FieldCatalog.isEnrichableField(field)) {
                problem(EnrichKeys.RESPONSE.at(name, field), "names no enrichable field (known: "
                        + FieldCatalog.ENRICHABLE_FIELDS + ")");
            }
            builder.responseMapping(field, values.get(EnrichKeys.RESPONSE, name, field));
        }
        qualityPointers(name, EnrichKeys.CONFIDENCE, builder::confidenceMapping);
        qualityPointers(name, EnrichKeys.VERIFICATION, builder::verificationMapping);
        values.find(EnrichKeys.RETRY_STATUSES, name).ifPresent(builder::retryStatuses);
        values.find(EnrichKeys.NOT_FOUND_STATUSES, name).ifPresent(builder::notFoundStatuses);
        builder.auth(auth);
        if (count() > before) {
            return null;
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            Setting<?> at = e.getMessage().startsWith("method") ? EnrichKeys.METHOD
                    : e.getMessage().startsWith("response mapping") ? EnrichKeys.RESPONSE : EnrichKeys.ENDPOINT;
            problem(at.at(name, "*"), e.getMessage());
            return null;
        }
    }

    /** {@code confidence.<field>} or {@code verification.<field>}: JSON pointers next to the field's value. */
    private void qualityPointers(String name, Setting<String> setting, BiConsumer<String, String> mapping) {
        for (String field : values.instances(setting, name)) {
            String pointer = values.get(setting, name, field);
            if (!FieldCatalog.isEnrichableField(field)) {
                problem(setting.at(name, field), "names no enrichable field (known: " + FieldCatalog.ENRICHABLE_FIELDS + ")");
            } else if (!pointer.startsWith("/")) {
                problem(setting.at(name, field), "must be a JSON pointer starting with '/', got: " + pointer);
            } else {
                mapping.accept(field, pointer);
            }
        }
    }

    private Optional<BulkMode> bulkMode(String name, String method, String endpoint, RequestTemplate template) {
        int before = count();
        if (method.equals("GET")) {
            problem(EnrichKeys.METHOD.at(name), "must be POST or PUT in bulk mode, since a bulk call has a body");
        }
        if (endpoint.contains("${")) {
            problem(EnrichKeys.ENDPOINT.at(name), "may hold no placeholders in bulk mode, since one call carries many contacts");
        }
        BulkRequestTemplate bulkTemplate = null;
        try {
            bulkTemplate = new BulkRequestTemplate(values.find(EnrichKeys.BULK_REQUEST_TEMPLATE, name)
                    .orElse(BulkMode.DES_BULK_PROTOCOL));
        } catch (IllegalArgumentException e) {
            problem(EnrichKeys.BULK_REQUEST_TEMPLATE.at(name), e.getMessage());
        }
        String items = values.find(EnrichKeys.BULK_ITEMS, name).orElse(BulkMode.DES_BULK_ITEMS);
        if (!items.startsWith("/")) {
            problem(EnrichKeys.BULK_ITEMS.at(name), "must be a JSON pointer starting with '/', got: " + items);
        }
        String match = values.find(EnrichKeys.BULK_MATCH, name).orElse(BulkMode.DES_BULK_MATCH);
        if (!match.equals(BulkMode.BY_INDEX) && !match.startsWith("/")) {
            problem(EnrichKeys.BULK_MATCH.at(name), "must be 'index' or a JSON pointer starting with '/', got: " + match);
        } else if (!match.equals(BulkMode.BY_INDEX) && template != null && !template.usesLookupId()) {
            problem(EnrichKeys.BULK_MATCH.at(name), "matches by an echoed id, so " + EnrichKeys.REQUEST_TEMPLATE.at(name)
                    + " must send ${lookup_id}");
        }
        Optional<Long> size = values.find(EnrichKeys.BULK_SIZE, name);
        if (count() > before || bulkTemplate == null || size.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BulkMode(size.get().intValue(),
                Duration.ofMillis(values.get(EnrichKeys.BULK_MAX_WAIT_MS, name)), bulkTemplate, items, match));
    }

    private ProviderAuth auth(String name) {
        ProviderAuth.Type type = ProviderAuth.Type.named(values.get(EnrichKeys.AUTH_TYPE, name));
        if (type == null) {
            return ProviderAuth.none();
        }
        String prefix = "provider." + name + ".auth.";
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : values.keys()) {
            if (key.startsWith(prefix) && !key.equals(EnrichKeys.AUTH_TYPE.at(name))) {
                settings.put(key.substring(prefix.length()), values.raw(key));
            }
        }
        ProviderAuth auth = new ProviderAuth(type, settings);
        // Each problem reads "<key after auth.> <why>".
        auth.problems(env).forEach(problem -> {
            int space = problem.indexOf(' ');
            problem("provider." + name + "." + problem.substring(0, space), problem.substring(space + 1));
        });
        return auth;
    }

    private ProviderSpec customSpec(String name) {
        String className = values.raw(EnrichKeys.CLASS.at(name));
        if (className == null || className.isBlank()) {
            problem(EnrichKeys.CLASS.at(name), "is required when type is class");
            return null;
        }
        Properties own = new Properties();
        String prefix = "provider." + name + ".";
        values.keys().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> own.setProperty(key.substring(prefix.length()), values.raw(key)));
        try {
            Class<? extends ProviderSpec> type = Class.forName(className).asSubclass(ProviderSpec.class);
            Constructor<? extends ProviderSpec> constructor = type.getConstructor(String.class, Properties.class);
            return constructor.newInstance(name, own);
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException e) {
            problem(EnrichKeys.CLASS.at(name), "must name a ProviderSpec with a public (String, Properties) constructor: " + e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            problem(EnrichKeys.CLASS.at(name), "could not be created: " + cause.getMessage());
        }
        return null;
    }

    /** The provider's limits; their keys' bounds are the catalogue's, checked already. */
    private ProviderLimits limits(String name) {
        long initial = values.get(EnrichKeys.RETRY_INITIAL_BACKOFF_MS, name);
        long max = values.get(EnrichKeys.RETRY_MAX_BACKOFF_MS, name);
        if (max < initial) {
            problem(EnrichKeys.RETRY_MAX_BACKOFF_MS.at(name), "must be at least "
                    + EnrichKeys.RETRY_INITIAL_BACKOFF_MS.at(name) + " (" + initial + "), got: " + max);
            return null;
        }
        RetryPolicy retry = new RetryPolicy(values.get(EnrichKeys.RETRY_MAX_ATTEMPTS, name).intValue(),
                Duration.ofMillis(initial), Duration.ofMillis(max), RetryPolicy.DEFAULT_MULTIPLIER);
        return new ProviderLimits(values.get(EnrichKeys.MAX_IN_FLIGHT, name).intValue(),
                values.find(EnrichKeys.RPS, name).orElse(0.0),
                values.get(EnrichKeys.CIRCUIT_FAILURE_THRESHOLD, name).intValue(),
                values.get(EnrichKeys.CIRCUIT_OPEN_MS, name), retry,
                values.get(EnrichKeys.RETRY_AFTER_CAP_MS, name));
    }

    /** Per field, when a waterfall takes a value: {@code accept.<field>.min-confidence} and {@code .statuses}. */
    private Map<String, AcceptanceRule> acceptanceRules() {
        Set<String> fields = new TreeSet<>(values.instances(EnrichKeys.ACCEPT_MIN_CONFIDENCE));
        fields.addAll(values.instances(EnrichKeys.ACCEPT_STATUSES));
        Map<String, AcceptanceRule> rules = new LinkedHashMap<>();
        for (String field : fields) {
            if (!FieldCatalog.isEnrichableField(field)) {
                Setting<?> at = values.isSet(EnrichKeys.ACCEPT_MIN_CONFIDENCE, field)
                        ? EnrichKeys.ACCEPT_MIN_CONFIDENCE : EnrichKeys.ACCEPT_STATUSES;
                problem(at.at(field), "names no enrichable field (known: " + FieldCatalog.ENRICHABLE_FIELDS + ")");
                continue;
            }
            Optional<Double> minimum = values.find(EnrichKeys.ACCEPT_MIN_CONFIDENCE, field);
            List<String> statuses = values.find(EnrichKeys.ACCEPT_STATUSES, field).orElse(List.of());
            if (minimum.isPresent() || !statuses.isEmpty()) {
                rules.put(field, AcceptanceRule.of(minimum.orElse(null), new LinkedHashSet<>(statuses)));
            }
        }
        return rules;
    }

    private Map<String, List<String>> chains(List<String> names, Map<String, ProviderSpec> specs) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (String field : values.instances(EnrichKeys.WATERFALL)) {
            String key = EnrichKeys.WATERFALL.at(field);
            if (!FieldCatalog.isEnrichableField(field)) {
                problem(key, "names no enrichable field (known: " + FieldCatalog.ENRICHABLE_FIELDS + ")");
            }
            List<String> chain = values.find(EnrichKeys.WATERFALL, field).orElse(List.of());
            for (String provider : chain) {
                if (!names.contains(provider)) {
                    problem(key, "names provider '" + provider + "', which is not in " + PROVIDERS);
                }
            }
            chains.put(field, chain);
        }
        for (String field : FieldCatalog.ENRICHABLE_FIELDS) {
            if (!chains.containsKey(field)) {
                List<String> suppliers = new ArrayList<>();
                specs.forEach((name, spec) -> {
                    if (spec.capabilities().supplies(field)) {
                        suppliers.add(name);
                    }
                });
                chains.put(field, suppliers);
            }
        }
        return chains;
    }

    private int count() {
        return problems.all().size();
    }

    private void problem(String key, String why) {
        problems.add(EnrichKeys.ENRICH, key, why);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }
}
