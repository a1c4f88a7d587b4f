package io.des.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void everyProblemOfAGroupIsReportedAtOnceNamingGroupAndKey() {
        Properties sink = new Properties();
        sink.setProperty("catalog", "hive");
        sink.setProperty("publish-timeout", "PT0S");
        sink.setProperty("root.url", "s3://bucket/des");

        ConfigProblems problems = new ConfigProblems();
        ConfigLoader.load(JobKeys.SINK, sink, problems);

        assertEquals(List.of(
                "DesSink.catalog must be one of none, glue, got: hive",
                "DesSink.publish-timeout must be greater than PT0S, got: PT0S",
                "DesSink.root.url is not a known key (did you mean DesSink.root.uri?)",
                "DesSink.root.uri is required"), problems.all());
        String message = assertThrows(IllegalArgumentException.class, () -> problems.throwIfAny("DES configuration"))
                .getMessage();
        assertTrue(message.startsWith("Invalid DES configuration:\n  - DesSink.catalog"), message);
    }

    @Test
    void aMistypedKeyOfAProviderSuggestsTheKeyOfThatProvider() {
        Properties enrich = new Properties();
        enrich.setProperty("providers", "acme");
        enrich.setProperty("provider.acme.max-inflight", "4");
        enrich.setProperty("asyn.capacity", "10");
        enrich.setProperty("completely-unrelated", "x");

        ConfigProblems problems = new ConfigProblems();
        ConfigLoader.load(EnrichKeys.ENRICH, enrich, problems);

        assertEquals(List.of(
                "DesEnrich.asyn.capacity is not a known key (did you mean DesEnrich.async.capacity?)",
                "DesEnrich.completely-unrelated is not a known key of DesEnrich",
                "DesEnrich: provider 'acme': 'provider.acme.max-inflight' is not a known key (did you mean"
                        + " DesEnrich.provider.acme.max-in-flight?)"), problems.all());
    }

    @Test
    void valuesAreTypedAndAbsentKeysGiveTheirDefaults() {
        Properties enrich = new Properties();
        enrich.setProperty("providers", "acme, bolt");
        enrich.setProperty("provider.bolt.rps", "2.5");
        enrich.setProperty("provider.acme.response.job_title", "/title");
        enrich.setProperty("cache.enabled", "FALSE");

        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(EnrichKeys.ENRICH, enrich, problems);

        assertTrue(problems.isEmpty(), problems.all().toString());
        assertEquals(List.of("acme", "bolt"), values.get(EnrichKeys.PROVIDERS));
        assertEquals(2.5, values.get(EnrichKeys.RPS, "bolt"));
        assertTrue(values.find(EnrichKeys.RPS, "acme").isEmpty(), "no limit unless given");
        assertEquals(16L, values.get(EnrichKeys.MAX_IN_FLIGHT, "acme"));
        assertFalse(values.get(EnrichKeys.CACHE_ENABLED));
        assertEquals(List.of("job_title"), values.instances(EnrichKeys.RESPONSE, "acme"));
        assertEquals(List.of(), values.instances(EnrichKeys.RESPONSE, "bolt"));
    }

    @Test
    void theEnvironmentRefusesOnlyUnknownDesVariables() {
        Map<String, String> env = Map.of("DES_API_PROT", "8080", "PATH", "/usr/bin", "HOME", "/root",
                "DES_API_KEY", "a client's key");

        ConfigProblems problems = new ConfigProblems();
        ConfigLoader.load(ApiKeys.API, env, problems);

        assertTrue(problems.all().contains("DES_API_PROT is not a known key (did you mean DES_API_PORT?)"),
                problems.all().toString());
        assertFalse(problems.all().toString().contains("PATH"), "other programs' variables are none of ours");
        assertFalse(problems.all().toString().contains("DES_API_KEY"), "the client's variable is not a typo");
    }

    @Test
    void passThroughKeysAreKeptUnchecked() {
        Properties source = new Properties();
        source.setProperty("stream.name", "records");
        source.setProperty("aws.endpoint", "https://kinesis.example");

        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(JobKeys.SOURCE, source, problems);

        assertTrue(problems.isEmpty(), problems.all().toString());
        assertEquals("https://kinesis.example", values.raw("aws.endpoint"));
        assertEquals("us-east-1", values.get(JobKeys.AWS_REGION));
    }

    @Test
    void flagsAreNamedAsTyped() {
        ConfigProblems problems = new ConfigProblems();
        ConfigValues values = ConfigLoader.load(LocalFlags.FLAGS,
                Map.of("--port", "70000", "--erid-expiry", "PT30S", "--paralelism", "2"), problems);

        assertEquals(List.of("--paralelism is not a known key (did you mean --parallelism?)",
                "--port must be between 0 and 65535, got: 70000"), problems.all());
        assertEquals(Duration.ofSeconds(30), values.get(LocalFlags.ERID_EXPIRY));
    }

    @Test
    void aKeyWithPlaceholdersMatchesOneSegmentPerPlaceholder() {
        assertTrue(EnrichKeys.ENDPOINT.matches("provider.acme.endpoint"));
        assertFalse(EnrichKeys.ENDPOINT.matches("provider.endpoint"), "the single-provider key is another key");
        assertFalse(EnrichKeys.ENDPOINT.matches("provider.a.b.endpoint"));
        assertEquals("provider.acme.response.job_title", EnrichKeys.RESPONSE.at("acme", "job_title"));
    }
}
