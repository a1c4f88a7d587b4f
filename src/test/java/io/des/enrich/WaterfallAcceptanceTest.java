package io.des.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** A waterfall takes a value only when it is good enough, and keeps the best one when none is. */
class WaterfallAcceptanceTest {

    private static final String EMAIL = "professional_email";
    private static final AcceptanceRule CONFIDENT_OR_VALID = AcceptanceRule.of(0.8, Set.of("valid"));

    private final List<String> called = new ArrayList<>();

    @Test
    void aValueBelowTheBarAsksTheNextProvider() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("low", "low@acme.example", new ValueQuality(0.5, "catch_all")),
                answering("high", "high@acme.example", new ValueQuality(0.9, null)),
                answering("never", "never@acme.example", new ValueQuality(1.0, "valid")));

        assertEquals(Map.of(EMAIL, "high@acme.example"), result.values());
        assertEquals(Map.of(EMAIL, "high"), result.sources());
        assertEquals(new ValueQuality(0.9, null), result.qualityOf(EMAIL));
        assertEquals(List.of("low", "high"), called, "an accepted value ends the field's waterfall");
        assertEquals(Map.of(EMAIL, List.of("low", "high")), result.askedProviders());
    }

    @Test
    void theConfidenceBarIsInclusive() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("exact", "a@acme.example", new ValueQuality(0.8, null)),
                answering("next", "b@acme.example", new ValueQuality(0.99, null)));

        assertEquals(Map.of(EMAIL, "exact"), result.sources());
    }

    @Test
    void anAcceptedStatusPassesWhateverTheConfidence() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("verified", "v@acme.example", new ValueQuality(0.1, "VALID")),
                answering("next", "n@acme.example", new ValueQuality(0.99, null)));

        assertEquals(Map.of(EMAIL, "verified"), result.sources());
        assertEquals(List.of("verified"), called);
    }

    @Test
    void whenNoValuePassesTheMostConfidentIsKept() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("silent", "s@acme.example", ValueQuality.UNKNOWN),
                answering("better", "b@acme.example", new ValueQuality(0.6, "catch_all")),
                answering("worse", "w@acme.example", new ValueQuality(0.3, "invalid")),
                notFound("nobody"));

        assertEquals(Map.of(EMAIL, "b@acme.example"), result.values());
        assertEquals(Map.of(EMAIL, "better"), result.sources());
        assertEquals(new ValueQuality(0.6, "catch_all"), result.qualityOf(EMAIL));
        assertEquals(List.of("silent", "better", "worse", "nobody"), called);
        assertTrue(result.fieldFailures().isEmpty());
    }

    @Test
    void withoutQualitiesTheFirstValueSeenIsKept() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("first", "f@acme.example", ValueQuality.UNKNOWN),
                answering("second", "s@acme.example", ValueQuality.UNKNOWN));

        assertEquals(Map.of(EMAIL, "first"), result.sources());
        assertEquals(List.of("first", "second"), called);
    }

    @Test
    void aFieldWithoutARuleTakesTheFirstValueFound() {
        LookupResult result = waterfall(Map.of(),
                answering("first", "f@acme.example", new ValueQuality(0.01, "invalid")),
                answering("second", "s@acme.example", new ValueQuality(0.99, "valid")));

        assertEquals(Map.of(EMAIL, "first"), result.sources());
        assertEquals(List.of("first"), called);
    }

    @Test
    void theEnrichedRecordCarriesTheWinnersQualityAndEveryProviderCalled() {
        LookupResult result = waterfall(Map.of(EMAIL, CONFIDENT_OR_VALID),
                answering("low", "low@acme.example", new ValueQuality(0.5, "catch_all")),
                answering("high", "high@acme.example", new ValueQuality(0.9, "valid")));

        io.des.model.EnrichedRecord record = EnrichedRecords.fromLookup(TestContacts.adaAtAcme(0, List.of(EMAIL)),
                List.of(EMAIL), new AttemptedLookup(result, 1), WaterfallProvider.NAME, 0);

        assertEquals(Map.of(EMAIL, 0.9), record.confidence);
        assertEquals(Map.of(EMAIL, "valid"), record.verification);
        assertEquals(List.of("low", "high"), record.providersCalled());
        org.apache.avro.generic.GenericRecord row = io.des.model.EnrichedAvroSchema.toAvro(record);
        assertEquals(0.9, row.get("professional_email_confidence"));
        assertEquals("valid", row.get("professional_email_status"));
        assertEquals("high", row.get("professional_email_source"));
        assertEquals(List.of("low", "high"), row.get("providers_called"));
    }

    @Test
    void rulesComeFromConfiguration() {
        Properties p = oneProvider();
        p.setProperty("accept.professional_email.min-confidence", "0.75");
        p.setProperty("accept.professional_email.statuses", "valid, Catch_All");
        p.setProperty("accept.job_title.statuses", "confirmed");

        Map<String, AcceptanceRule> rules = EnrichmentSettings.fromProperties(p, name -> null).providerSpec().acceptance();

        assertEquals(AcceptanceRule.of(0.75, Set.of("valid", "catch_all")), rules.get("professional_email"));
        assertEquals(AcceptanceRule.of(null, Set.of("confirmed")), rules.get("job_title"));
        assertEquals(2, rules.size(), rules::toString);
        assertThrows(IllegalArgumentException.class, () -> AcceptanceRule.of(null, Set.of()));
        assertFalse(AcceptanceRule.of(0.5, Set.of()).accepts(ValueQuality.UNKNOWN));
    }

    @Test
    void badRulesAreReportedEachNamingItsKey() {
        Properties p = oneProvider();
        p.setProperty("accept.phone_number.min-confidence", "high");
        p.setProperty("accept.shoe_size.statuses", "valid");
        p.setProperty("accept.professional_email.max-confidence", "1");
        p.setProperty("provider.acme.confidence.professional_email", "score");

        String message = assertThrows(IllegalArgumentException.class,
                () -> EnrichmentSettings.fromProperties(p, name -> null)).getMessage();

        for (String key : List.of("accept.phone_number.min-confidence", "accept.shoe_size.statuses",
                "accept.professional_email.max-confidence", "provider.acme.confidence.professional_email")) {
            assertTrue(message.contains(key), key + " in " + message);
        }
    }

    private static Properties oneProvider() {
        Properties p = new Properties();
        p.setProperty("providers", "acme");
        p.setProperty("provider.acme.endpoint", "https://api.acme.example/match");
        return p;
    }

    private LookupResult waterfall(Map<String, AcceptanceRule> rules, Provider... providers) {
        Map<String, RetryingLookup> lookups = new LinkedHashMap<>();
        List<String> chain = new ArrayList<>();
        for (Provider provider : providers) {
            lookups.put(provider.name(), new RetryingLookup(provider,
                    new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), 1), Runnable::run, () -> 0, () -> { }));
            chain.add(provider.name());
        }
        WaterfallProvider waterfall = new WaterfallProvider(lookups, Map.of(EMAIL, chain), rules, List.of(),
                Executors.newSingleThreadScheduledExecutor());
        try {
            return waterfall.lookup(TestContacts.adaAtAcme(0, List.of(EMAIL)), List.of(EMAIL)).join();
        } finally {
            waterfall.close();
        }
    }

    private Provider answering(String name, String value, ValueQuality quality) {
        return provider(name, quality.equals(ValueQuality.UNKNOWN) ? LookupResult.found(Map.of(EMAIL, value))
                : LookupResult.found(Map.of(EMAIL, value), Map.of(EMAIL, quality)));
    }

    private Provider notFound(String name) {
        return provider(name, LookupResult.noneFound());
    }

    private Provider provider(String name, LookupResult answer) {
        return new ScriptedProvider(name, fields -> {
            called.add(name);
            return answer;
        });
    }
}
