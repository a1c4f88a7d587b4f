package io.des.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.des.it.Dynalite;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The job's DynamoDB connector, as configured ({@code DesRegistry.dynamodb.*}), serialized as Flink
 * ships it, opened against dynalite through the configured endpoint, with credentials from the
 * default provider chain (system properties here, the role in AWS).
 */
class DynamoDbRegistryConnectorIT {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    @TempDir
    Path logs;

    @Test
    void theConfiguredEndpointReachesTheTableTheApiWritesTo() throws Exception {
        String accessKey = System.getProperty("aws.accessKeyId");
        String secretKey = System.getProperty("aws.secretAccessKey");
        try (Dynalite dynalite = Dynalite.start(null, logs.resolve("dynalite.log"))) {
            System.setProperty("aws.accessKeyId", "dummyAccessKey");
            System.setProperty("aws.secretAccessKey", "dummySecretKey");
            try (DynamoDbClient admin = dynalite.client()) {
                DynamoDbEridRegistry.createTable(admin, "des-erid-registry");
            }
            RegistryConnector connector = InstantiationUtil.clone(
                    new DynamoDbRegistryConnector("des-erid-registry", dynalite.region(), dynalite.endpoint()));
            try (EridRegistry api = new DynamoDbEridRegistry(dynalite.client(), "des-erid-registry");
                    EridRegistry job = connector.open()) {
                api.register(new EridContract("acme", ERID, 10, List.of("professional_email"), LocalDate.parse("2026-11-21"),
                        Instant.parse("2026-11-21T08:00:00Z"), null, null));

                job.recordCommitted("acme", ERID, 7);

                assertEquals(7, api.get("acme", ERID).orElseThrow().recordsCommitted());
            }
        } finally {
            restore("aws.accessKeyId", accessKey);
            restore("aws.secretAccessKey", secretKey);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
