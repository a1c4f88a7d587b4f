package io.des.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.registry.SqliteRegistryConnector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JobConfigTest {

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    /** A valid local configuration, with {@code extra} groups replacing its own. */
    static Map<String, Properties> groups(Map<String, Properties> extra) {
        Map<String, Properties> groups = new HashMap<>(Map.of(
                JobConfig.SOURCE_GROUP, properties("type", "broker", "broker.dir", "/tmp/broker"),
                JobConfig.SINK_GROUP, properties("root.uri", "file:///tmp/des-data"),
                JobConfig.ENRICH_GROUP, properties("provider.endpoint", "http://localhost:8089/v1/lookup")));
        groups.putAll(extra);
        return groups;
    }

    @Test
    void theExpiryWindowDefaultsToSevenDays() {
        assertEquals(EridExpiry.DEFAULT, JobConfig.from(groups(Map.of())).eridExpiry);
    }

    @Test
    void theExpiryWindowIsAnIsoDuration() {
        JobConfig config = JobConfig.from(groups(Map.of(JobConfig.JOB_GROUP, properties("erid-expiry", "PT30S"))));

        assertEquals(Duration.ofSeconds(30), config.eridExpiry.window());
    }

    @Test
    void aPublishMayTakeHalfAnHourUnlessConfiguredOtherwise() {
        assertEquals(Duration.ofMinutes(30), JobConfig.from(groups(Map.of())).publishTimeout);
        JobConfig config = JobConfig.from(groups(Map.of(
                JobConfig.SINK_GROUP, properties("root.uri", "file:///tmp/des-data", "publish-timeout", "PT2H"))));

        assertEquals(Duration.ofHours(2), config.publishTimeout);
    }

    @Test
    void aPublishTimeoutThatIsNotAPositiveDurationIsRefusedWithItsKey() {
        for (String bad : new String[] {"30 minutes", "PT0S", "-PT1M"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JobConfig.from(groups(Map.of(
                    JobConfig.SINK_GROUP, properties("root.uri", "file:///tmp/des-data", "publish-timeout", bad)))));

            assertTrue(refused.getMessage().contains("DesSink.publish-timeout must be"),
                    refused.getMessage());
        }
    }

    @Test
    void theReplacedRetentionsAndABadExpiryAreAllListedWithTheirKeys() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JobConfig.from(groups(Map.of(
                JobConfig.SINK_GROUP, properties("root.uri", "file:///tmp/des-data", "published-state-retention-hours", "168"),
                JobConfig.JOB_GROUP, properties("erid-state-retention-hours", "168", "erid-expiry", "7 days")))));

        String message = refused.getMessage();
        assertTrue(message.contains("DesSink.published-state-retention-hours is replaced by DesJob.erid-expiry"), message);
        assertTrue(message.contains("DesJob.erid-state-retention-hours is replaced by DesJob.erid-expiry"), message);
        assertTrue(message.contains("DesJob.erid-expiry must be an ISO-8601 duration"), message);
    }

    @Test
    void withoutARegistryGroupNothingIsReported() {
        assertTrue(JobConfig.from(groups(Map.of())).registry.isNone());
    }

    @Test
    void aSqliteRegistryIsAFile() {
        JobConfig config = JobConfig.from(groups(Map.of(JobConfig.REGISTRY_GROUP,
                properties("type", "sqlite", "sqlite.path", "/data/registry.db"))));

        assertEquals(new SqliteRegistryConnector("/data/registry.db").toString(), config.registry.toString());
    }

    @Test
    void aDynamoDbRegistryIsATableInARegionWithAnEndpointOnlyWhenGiven() {
        JobConfig aws = JobConfig.from(groups(Map.of(JobConfig.REGISTRY_GROUP,
                properties("type", "dynamodb", "dynamodb.table", "des-erid-registry", "dynamodb.region", "eu-west-1"))));
        JobConfig emulated = JobConfig.from(groups(Map.of(JobConfig.REGISTRY_GROUP, properties("type", "DynamoDB",
                "dynamodb.table", "t", "dynamodb.region", "us-east-1", "dynamodb.endpoint", "http://127.0.0.1:4567"))));

        assertEquals("dynamodb:des-erid-registry@eu-west-1", aws.registry.toString());
        assertEquals("dynamodb:t@us-east-1 via http://127.0.0.1:4567", emulated.registry.toString());
    }

    @Test
    void everyRegistryProblemIsListedWithItsKey() {
        IllegalArgumentException badType = assertThrows(IllegalArgumentException.class, () -> JobConfig.from(groups(Map.of(
                JobConfig.REGISTRY_GROUP, properties("type", "postgres")))));
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class, () -> JobConfig.from(groups(Map.of(
                JobConfig.REGISTRY_GROUP, properties("type", "dynamodb", "dynamodb.endpoint", "127.0.0.1:4567",
                        "sqlite.path", "/data/registry.db", "dynamodb.tabel", "t")))));

        assertTrue(badType.getMessage().contains("DesRegistry.type must be one of none, sqlite, dynamodb, got: postgres"),
                badType.getMessage());
        String message = incomplete.getMessage();
        assertTrue(message.contains("DesRegistry.dynamodb.table is required when type is dynamodb"), message);
        assertTrue(message.contains("DesRegistry.dynamodb.region is required when type is dynamodb"), message);
        assertTrue(message.contains("DesRegistry.dynamodb.endpoint must be an absolute"), message);
        assertTrue(message.contains("DesRegistry.sqlite.path does not apply to type dynamodb"), message);
        assertTrue(message.contains("DesRegistry.dynamodb.tabel is not a known key (did you mean DesRegistry.dynamodb.table?)"), message);
    }
}
