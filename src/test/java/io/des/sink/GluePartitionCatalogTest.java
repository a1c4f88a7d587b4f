package io.des.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/** The partition the catalog sends to Glue; the call itself needs AWS and is not made here. */
class GluePartitionCatalogTest {

    @Test
    void partitionValuesAreTenantRequestDateAndEridInTheTablesKeyOrder() {
        StorageDescriptor table = StorageDescriptor.builder()
                .location("s3://bucket/des/enriched_data/")
                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                .build();
        String location = "s3://bucket/des/enriched_data/tenant=acme/request_date=2026-11-21/erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

        PartitionInput partition = GluePartitionCatalog.partitionInput(
                table, "acme", "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", location);

        assertEquals(List.of("acme", "2026-11-21", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1"), partition.values());
        assertEquals(location, partition.storageDescriptor().location());
        assertEquals(table.inputFormat(), partition.storageDescriptor().inputFormat(), "the table's format is kept");
    }
}
