package io.des.registry;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The registry in a DynamoDB table, in AWS. The client is built as for any AWS service: region as
 * configured, credentials from the default provider chain (the application's role on Managed
 * Flink), the SDK's own retries; the endpoint is overridden only when one is configured (an
 * emulator, a VPC endpoint with a private name).
 */
public final class DynamoDbRegistryConnector implements RegistryConnector {

    private static final long serialVersionUID = 1L;

    private final String table;
    private final String region;
    private final String endpoint;

    /**
     * @param table the registry table (see {@code docs/architecture.md}, "ERID registry")
     * @param region e.g. {@code eu-west-1}
     * @param endpoint e.g. {@code http://127.0.0.1:4567}, or null for the region's endpoint
     */
    public DynamoDbRegistryConnector(String table, String region, String endpoint) {
        this.table = Objects.requireNonNull(table, "table");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = endpoint;
    }

    @Override
    public EridRegistry open() {
        DynamoDbClientBuilder client = DynamoDbClient.builder().region(Region.of(region));
        if (endpoint != null) {
            client.endpointOverride(URI.create(endpoint));
        }
        return new DynamoDbEridRegistry(client.build(), table);
    }

    @Override
    public String toString() {
        return "dynamodb:" + table + "@" + region + (endpoint == null ? "" : " via " + endpoint);
    }
}
