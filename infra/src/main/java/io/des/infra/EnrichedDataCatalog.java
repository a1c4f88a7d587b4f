package io.des.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.constructs.Construct;

/**
 * The Glue database and table of {@code docs/architecture.md} ("Athena"): Parquet under
 * {@code <root>/enriched_data/}, partitioned by {@code (tenant, request_date, erid)}. Partitions are
 * added by the job's publisher ({@code CreatePartition}) only after {@code _SUCCESS}; partition
 * projection stays off, since it would ignore those partitions and expose {@code _incomplete} data.
 */
final class EnrichedDataCatalog extends Construct {

    static final String COLUMNS_RESOURCE = "enriched_data-columns.tsv";
    static final List<String> PARTITION_KEYS = List.of("tenant", "request_date", "erid");

    final CfnDatabase database;
    final CfnTable table;

    EnrichedDataCatalog(Construct scope, String id, DesParameters parameters) {
        super(scope, id);
        database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(parameters.glueDatabase.getValueAsString())
                        .description("DES enriched data")
                        .build())
                .build();
        String location = Fn.join("", List.of(parameters.storageRootUri(), "/enriched_data/"));
        table = CfnTable.Builder.create(this, "Table")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseName(parameters.glueDatabase.getValueAsString())
                .tableInput(CfnTable.TableInputProperty.builder()
                        .name(parameters.glueTable.getValueAsString())
                        .tableType("EXTERNAL_TABLE")
                        .parameters(Map.of("classification", "parquet", "EXTERNAL", "TRUE"))
                        .partitionKeys(PARTITION_KEYS.stream().map(k -> column(k, "string")).toList())
                        .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                .location(location)
                                .inputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                                .outputFormat("org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                                .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                        .serializationLibrary("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                                        .build())
                                .columns(columns())
                                .build())
                        .build())
                .build();
        table.addDependency(database);
    }

    /** The table's columns, from {@link #COLUMNS_RESOURCE}: one {@code name<TAB>type} per line. */
    static List<Object> columns() {
        try (InputStream in = EnrichedDataCatalog.class.getResourceAsStream(COLUMNS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(COLUMNS_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .map(parts -> (Object) column(parts[0], parts[1]))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CfnTable.ColumnProperty column(String name, String type) {
        return CfnTable.ColumnProperty.builder().name(name).type(type).build();
    }
}
