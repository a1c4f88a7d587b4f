/**
 * The serving side of DES: {@code GET /v2/enriched_data} and {@code GET /status} on the JDK HTTP
 * server, reading through a {@link io.des.serve.QueryEngine} — {@link
 * io.des.serve.DuckDbQueryEngine} over a local storage root, {@link io.des.serve.AthenaQueryEngine}
 * on AWS.
 *
 * <p>Wiring, as a launcher does it:
 *
 * <pre>{@code
 * QueryEngine engine = new DuckDbQueryEngine(Path.of("/data/des"));
 * HttpServer server = HttpServer.create(new InetSocketAddress(8081), 0);
 * server.createContext(ServingHandler.PATH, new ServingHandler(engine, Clock.systemUTC()));
 * server.createContext(StatusHandler.PATH, new StatusHandler(() -> true));
 * server.setExecutor(Executors.newFixedThreadPool(8)); // without one, requests run one at a time
 * server.start();
 * }</pre>
 */
package io.des.serve;
