/**
 * The serving side of DES: {@code GET /v2/enriched_data} and {@code GET /status} as server-independent
 * {@link io.des.model.ApiHandler}s. Status and progress come from the ERID registry; a completed
 * ERID's rows come through a {@link io.des.serve.QueryEngine}: {@link io.des.serve.ParquetQueryEngine}
 * straight from its Parquet files (local disk or S3, through a {@link io.des.serve.StorageReader}),
 * {@link io.des.serve.DuckDbQueryEngine} over local files, {@link io.des.serve.AthenaQueryEngine} on
 * AWS. The HTTP edge and the route table live in {@code io.des.api}.
 */
package io.des.serve;
