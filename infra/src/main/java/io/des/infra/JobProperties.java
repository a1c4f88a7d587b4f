package io.des.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;

/**
 * The job's runtime property groups, as {@code kda/application-properties.json} lists them and
 * {@code JobConfig}, {@code RegistryConfig} and {@code EnrichmentSettings} read them, with the
 * names and region of this stack's resources instead of examples. The job validates them at start.
 */
final class JobProperties {

    private JobProperties() {}

    static List<Object> groups(DesParameters p, EnrichmentApplication.Resources r) {
        return List.of(
                group("DesSource", ordered(
                        "type", "kinesis",
                        "stream.name", p.streamName.getValueAsString(),
                        "aws.region", Aws.REGION,
                        "flink.stream.initpos", "TRIM_HORIZON")),
                group("DesSink", ordered(
                        "root.uri", p.storageRootUri(),
                        "catalog", "glue",
                        "glue.database", p.glueDatabase.getValueAsString(),
                        "glue.table", p.glueTable.getValueAsString(),
                        "glue.region", Aws.REGION,
                        "publish-timeout", p.publishTimeout.getValueAsString())),
                group("DesJob", ordered(
                        "erid-expiry", p.eridExpiry.getValueAsString())),
                group("DesRegistry", ordered(
                        "type", "dynamodb",
                        "dynamodb.table", r.registry().table.getTableName(),
                        "dynamodb.region", Aws.REGION)),
                group("DesEnrich", ordered(
                        "provider.name", p.providerName.getValueAsString(),
                        "provider.endpoint", p.providerEndpoint.getValueAsString(),
                        "async.capacity", p.asyncCapacity.getValueAsString(),
                        "async.timeout-ms", p.asyncTimeoutMs.getValueAsString())));
    }

    private static Object group(String id, Map<String, String> properties) {
        return CfnApplication.PropertyGroupProperty.builder().propertyGroupId(id).propertyMap(properties).build();
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
