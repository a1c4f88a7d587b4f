package io.des.sink;

/** {@link PartitionCatalog#none()}: for path-based readers such as DuckDB or partition projection. */
enum NoPartitionCatalog implements PartitionCatalog {
    INSTANCE;

    @Override
    public void register(String tenant, String requestDate, String erid, String partitionUri) {}
}
