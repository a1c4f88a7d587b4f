package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Providers declared in configuration: what a valid file gives and how a bad one is reported. */
class ProviderConfigParserTest {

    private static final UnaryOperator<String> ENV = Map.of("ACME_KEY", "secret-1", "BOLT_ID", "id", "BOLT_SECRET", "s")::get;

    @Test
    void declaredProvidersBecomeAWaterfallWithTheirLimitsAndMappings() {
        Properties p = twoProviders();
        p.setProperty("waterfall.professional_email", "acme,bolt");
        p.setProperty("provider.acme.rps", "50");
        p.setProperty("provider.acme.max-in-flight", "8");
        p.setProperty("provider.acme.retry.max-attempts", "2");
        p.setProperty("provider.acme.retry-after-cap-ms", "5000");
        p.setProperty("provider.acme.max-response-bytes", "65536");

        EnrichmentSettings settings = EnrichmentSettings.fromProperties(p, ENV);

        WaterfallSpec spec = assertInstanceOf(WaterfallSpec.class, settings.providerSpec());
        assertEquals(List.of("acme", "bolt"), spec.chains().get("professional_email"));
        assertEquals(List.of("acme"), spec.chains().get("job_title"), "only acme maps job_title");
        assertEquals(50, spec.limits().get("acme").requestsPerSecond(), 1e-9);
        assertEquals(8, spec.limits().get("acme").maxInFlight());
        assertEquals(2, spec.limits().get("acme").retryPolicy().maxAttempts());
        assertEquals(java.time.Duration.ofSeconds(5), spec.limits().get("acme").retryAfterCap());
        assertEquals(ProviderLimits.defaults(), spec.limits().get("bolt"));
        HttpJsonProviderSpec acme = (HttpJsonProviderSpec) spec.providers().get("acme");
        assertEquals(65536, acme.maxResponseBytes());
        assertEquals(1L << 20, ((HttpJsonProviderSpec) spec.providers().get("bolt")).maxResponseBytes());
        assertEquals("/person/email", acme.pointerOf("professional_email"));
        assertEquals(ProviderAuth.Type.API_KEY, acme.auth().type());
    }

    @Test
    void oneRpsBudgetIsSharedByTheParallelInstances() {
        ProviderLimits limits = new ProviderLimits(4, 100, 10, 1000, RetryPolicy.defaults(),
                ProviderLimits.DEFAULT_RETRY_AFTER_CAP_MS);
        assertEquals(25, limits.requestsPerSecondPerInstance(4), 1e-9);
    }

    @Test
    void missingSecretFailsNamingTheProviderAndTheKey() {
        String message = rejected(twoProviders(), Map.of("BOLT_ID", "id", "BOLT_SECRET", "s")::get);
        assertTrue(message.contains("provider 'acme'") && message.contains("'provider.acme.auth.key-env'")
                && message.contains("ACME_KEY"), message);
    }

    @Test
    void malformedTemplateFailsNamingTheProviderAndTheKey() {
        Properties p = twoProviders();
        p.setProperty("provider.bolt.request-template", "{\"email\": \"${contact.email}\"");
        String message = rejected(p, ENV);
        assertTrue(message.contains("provider 'bolt'") && message.contains("'provider.bolt.request-template'"), message);
    }

    @Test
    void unknownPlaceholderFailsNamingTheKey() {
        Properties p = twoProviders();
        p.setProperty("provider.bolt.request-template", "{\"email\": \"${contact.email}\", \"x\": \"${secret}\"}");
        String message = rejected(p, ENV);
        assertTrue(message.contains("'provider.bolt.request-template'") && message.contains("${secret}"), message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Properties p = twoProviders();
        p.setProperty("provider.acme.rps", "fast");
        p.setProperty("provider.bolt.endpont", "typo");
        p.setProperty("waterfall.professional_email", "acme,zeta");
        p.setProperty("waterfall.shoe_size", "acme");
        String message = rejected(p, ENV);
        assertTrue(message.contains("'provider.acme.rps'"), message);
        assertTrue(message.contains("provider 'bolt': 'provider.bolt.endpont' is not a known key (did you mean DesEnrich.provider.bolt.endpoint?)"), message);
        assertTrue(message.contains("'zeta'"), message);
        assertTrue(message.contains("DesEnrich.waterfall.shoe_size "), message);
    }

    @Test
    void bulkKeysGiveABulkModeWithTheDesBulkProtocolAsDefaults() {
        Properties p = twoProviders();
        p.remove("provider.acme.request-template");
        p.setProperty("provider.acme.bulk.size", "25");

        WaterfallSpec spec = (WaterfallSpec) EnrichmentSettings.fromProperties(p, ENV).providerSpec();

        HttpJsonProviderSpec acme = (HttpJsonProviderSpec) spec.providers().get("acme");
        BulkMode bulk = acme.bulk().orElseThrow();
        assertEquals(25, bulk.size());
        assertEquals(BulkMode.DEFAULT_MAX_WAIT_MS, bulk.maxWait().toMillis());
        assertEquals("/results", bulk.itemsPointer());
        assertEquals("/lookup_id", bulk.match());
        assertTrue(acme.template().usesLookupId(), "the default element sends the id the answers are matched by");
        assertTrue(((HttpJsonProviderSpec) spec.providers().get("bolt")).bulk().isEmpty(), "bulk mode is per provider");
    }

    @Test
    void badBulkSettingsFailNamingTheProviderAndEachKey() {
        Properties p = twoProviders();
        p.setProperty("provider.acme.bulk.size", "0");
        p.setProperty("provider.acme.bulk.max-wait-ms", "soon");
        p.setProperty("provider.acme.bulk.request-template", "{\"people\": [\"${contact}\"]}");
        p.setProperty("provider.acme.bulk.response.items", "results");
        p.setProperty("provider.acme.bulk.response.match", "/ref");
        p.setProperty("provider.bolt.bulk.size", "10");

        String message = rejected(p, ENV);

        assertTrue(message.contains("provider 'acme': 'provider.acme.bulk.size' must be between 1 and 10000"), message);
        assertTrue(message.contains("'provider.acme.bulk.max-wait-ms'"), message);
        assertTrue(message.contains("'provider.acme.bulk.request-template'"), message);
        assertTrue(message.contains("'provider.acme.bulk.response.items' must be a JSON pointer"), message);
        assertTrue(message.contains("'provider.acme.bulk.response.match' matches by an echoed id"), message);
        assertTrue(message.contains("provider 'bolt': 'provider.bolt.method' must be POST or PUT in bulk mode"), message);
        assertTrue(message.contains("'provider.bolt.endpoint' may hold no placeholders in bulk mode"), message);
    }

    @Test
    void bulkKeysWithoutABulkSizeAndALookupIdOutsideBulkModeAreRejected() {
        Properties p = twoProviders();
        p.setProperty("provider.acme.bulk.response.items", "/data");
        p.setProperty("provider.acme.request-template", "{\"ref\": \"${lookup_id}\"}");

        String message = rejected(p, ENV);

        assertTrue(message.contains("'provider.acme.bulk.response.items' needs provider.acme.bulk.size"), message);
        assertTrue(message.contains("'provider.acme.request-template' uses ${lookup_id}"), message);
    }

    @Test
    void missingEndpointAndUnknownAuthTypeAreNamed() {
        Properties p = new Properties();
        p.setProperty("providers", "acme");
        p.setProperty("provider.acme.auth.type", "kerberos");
        String message = rejected(p, ENV);
        assertTrue(message.contains("'provider.acme.endpoint' is required"), message);
        assertTrue(message.contains("'provider.acme.auth.type'"), message);
    }

    @Test
    void withoutProvidersTheSingleProviderKeysStillWork() {
        Properties p = new Properties();
        p.setProperty("provider.name", "sandbox");
        p.setProperty("provider.endpoint", "http://localhost:8089/v1/lookup");
        WaterfallSpec single = EnrichmentSettings.fromProperties(p, ENV).providerSpec();

        assertEquals("sandbox", single.providerName(), "named after its provider, as the operator and cache keys were");
        assertInstanceOf(HttpJsonProviderSpec.class, single.providers().get("sandbox"));
        assertEquals(List.of("sandbox"), single.chains().get("company_size"), "a waterfall of one, for every field");
    }

    @Test
    void theSingleProviderKeysAreRefusedBesideProviders() {
        Properties p = twoProviders();
        p.setProperty("provider.endpoint", "http://localhost:8089/v1/lookup");
        p.setProperty("retry.max-attempts", "3");

        String message = rejected(p, ENV);

        assertTrue(message.contains("DesEnrich.provider.endpoint applies only without providers; declare it per provider"
                + " as provider.<p>.endpoint"), message);
        assertTrue(message.contains("DesEnrich.retry.max-attempts applies only without providers"), message);
    }

    @Test
    void customJavaProviderIsCreatedFromItsClassName() {
        Properties p = new Properties();
        p.setProperty("providers", "mine");
        p.setProperty("provider.mine.type", "class");
        p.setProperty("provider.mine.class", ConstantProviderSpec.class.getName());
        p.setProperty("provider.mine.value", "hello");

        WaterfallSpec spec = (WaterfallSpec) EnrichmentSettings.fromProperties(p, ENV).providerSpec();

        ConstantProviderSpec mine = assertInstanceOf(ConstantProviderSpec.class, spec.providers().get("mine"));
        assertEquals("hello", mine.value());
        assertEquals(List.of("mine"), spec.chains().get("seniority"));
    }

    @Test
    void aJavaProviderIsAskedOnlyForTheFieldsItDeclaresAndBatchedAsItsCapabilitiesSay() throws Exception {
        Properties p = new Properties();
        p.setProperty("providers", "mine");
        p.setProperty("provider.mine.type", "class");
        p.setProperty("provider.mine.class", ConstantProviderSpec.class.getName());
        p.setProperty("provider.mine.value", "hello");
        p.setProperty("provider.mine.fields", "seniority,job_title");
        p.setProperty("provider.mine.bulk-size", "4");

        WaterfallSpec spec = EnrichmentSettings.fromProperties(p, ENV).providerSpec();

        assertEquals(List.of("mine"), spec.chains().get("seniority"));
        assertEquals(List.of(), spec.chains().get("professional_email"), "never asked for a field it does not supply");
        int bulkCallsBefore = ConstantProviderSpec.BULK_CALLS.get();
        try (Provider waterfall = spec.open()) {
            List<CompletableFuture<LookupResult>> lookups = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                lookups.add(waterfall.lookup(TestContacts.person(i, List.of("seniority")), List.of("seniority")));
            }
            for (CompletableFuture<LookupResult> lookup : lookups) {
                assertEquals("hello", lookup.get(10, TimeUnit.SECONDS).values().get("seniority"));
            }
        }
        assertEquals(bulkCallsBefore + 1, ConstantProviderSpec.BULK_CALLS.get(), "four lookups, one bulk call of four");
    }

    private static String rejected(Properties p, UnaryOperator<String> env) {
        return assertThrows(IllegalArgumentException.class, () -> EnrichmentSettings.fromProperties(p, env)).getMessage();
    }

    private static Properties twoProviders() {
        Properties p = new Properties();
        p.setProperty("providers", "acme,bolt");
        p.setProperty("provider.acme.endpoint", "https://api.acme.example/v2/people/search");
        p.setProperty("provider.acme.auth.type", "api-key");
        p.setProperty("provider.acme.auth.key-env", "ACME_KEY");
        p.setProperty("provider.acme.request-template", "{\"name\": \"${contact.first_name} ${contact.last_name}\"}");
        p.setProperty("provider.acme.response.professional_email", "/person/email");
        p.setProperty("provider.acme.response.job_title", "/person/title");
        p.setProperty("provider.bolt.endpoint", "https://bolt.example/lookup?email=${contact.email}");
        p.setProperty("provider.bolt.method", "GET");
        p.setProperty("provider.bolt.auth.type", "oauth2-client-credentials");
        p.setProperty("provider.bolt.auth.token-url", "https://bolt.example/oauth/token");
        p.setProperty("provider.bolt.auth.client-id-env", "BOLT_ID");
        p.setProperty("provider.bolt.auth.client-secret-env", "BOLT_SECRET");
        p.setProperty("provider.bolt.response.professional_email", "/data/0/email");
        return p;
    }
}
