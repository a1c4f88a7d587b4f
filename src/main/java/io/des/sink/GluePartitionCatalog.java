package io.des.sink;

import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.CreatePartitionRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * Registers published partitions in the Glue Data Catalog, so that Athena sees an ERID only once
 * its files and {@code _SUCCESS} are in place.
 *
 * <p>The partition's storage descriptor is the table's (format, SerDe, columns) with the location
 * set to the partition directory; partition values are {@code (tenant, request_date, erid)}, the
 * table's partition keys in that order: the tenant is a column that Athena prunes on and Lake
 * Formation filters can name. An existing partition counts as registered, which makes retries
 * idempotent. Credentials come from the AWS default provider chain (environment, instance or task
 * role). Note: with Athena partition projection on, Glue partitions are ignored and the paths alone
 * decide what is visible.
 *
 * <p>The client is created on first use on the publishing thread (it blocks), so this object stays
 * serializable.
 */
public final class GluePartitionCatalog implements PartitionCatalog {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final String table;
    private final String region;
    private transient GlueClient glue;

    /**
     * @param database Glue database name
     * @param table Glue table name, partitioned by {@code (tenant string, request_date string, erid
     *     string)}
     * @param region AWS region, e.g. {@code eu-west-1}
     */
    public GluePartitionCatalog(String database, String table, String region) {
        this.database = Objects.requireNonNull(database, "database");
        this.table = Objects.requireNonNull(table, "table");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public void register(String tenant, String requestDate, String erid, String partitionUri) {
        GlueClient client = client();
        StorageDescriptor tableDescriptor = client.getTable(GetTableRequest.builder()
                        .databaseName(database).name(table).build())
                .table()
                .storageDescriptor();
        PartitionInput partition = partitionInput(tableDescriptor, tenant, requestDate, erid, partitionUri);
        try {
            client.createPartition(CreatePartitionRequest.builder()
                    .databaseName(database).tableName(table).partitionInput(partition).build());
        } catch (AlreadyExistsException e) {
            // Registered by an earlier attempt of this publish.
        }
    }

    /** The table's storage descriptor at the partition's location, with the values in key order. */
    static PartitionInput partitionInput(
            StorageDescriptor tableDescriptor, String tenant, String requestDate, String erid, String partitionUri) {
        return PartitionInput.builder()
                .values(List.of(tenant, requestDate, erid))
                .storageDescriptor(tableDescriptor.toBuilder().location(partitionUri).build())
                .build();
    }

    private synchronized GlueClient client() {
        if (glue == null) {
            glue = GlueClient.builder().region(Region.of(region)).build();
        }
        return glue;
    }

    @Override
    public synchronized void close() {
        if (glue != null) {
            glue.close();
            glue = null;
        }
    }
}
