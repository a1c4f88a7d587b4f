/**
 * The serving side of DES: {@code GET /v2/enriched_data} and {@code GET /status} as server-independent
 * {@link io.des.model.ApiHandler}s, reading through a {@link io.des.serve.QueryEngine} — {@link
 * io.des.serve.DuckDbQueryEngine} over a local storage root, {@link io.des.serve.AthenaQueryEngine}
 * on AWS. The HTTP edge and the route table live in {@code io.des.api}.
 */
package io.des.serve;
