package io.des.api;

import io.des.notify.WebhookDispatcher;
import io.des.registry.DeliveryState;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;

/**
 * The API's own metrics, with the Prometheus Java client, served by {@link MetricsHandler} at
 * {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code apiRequests_total{method, route, status}}: every answer of the router;
 *   <li>{@code apiRequestSeconds{method, route}}: how long the router took to answer (a histogram);
 *   <li>{@code webhookDeliveries_total}, {@code webhookRetries_total}, {@code webhookFailures_total}:
 *       webhook attempts recorded as delivered, as failed to be retried, and deliveries given up,
 *       since the process started.
 * </ul>
 *
 * <p>Labels never carry what a request sent: {@code route} is the route's template ({@code
 * /v2/enrichment_requests/{erid}}, {@code unmatched} for a path no route declares) and {@code
 * method} one of a fixed few, so no ERID, tenant or key reaches a label, and their number stays
 * bounded whatever clients send. One registry per instance, not the client's global one, so that
 * two APIs in one JVM (tests) never mix their counts.
 */
public final class ApiMetrics {

    /** The route label of a path no route declares. */
    static final String UNMATCHED_ROUTE = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder()
            .name("apiRequests")
            .help("Answers of the DES API by route template, method and HTTP status")
            .labelNames("method", "route", "status")
            .withoutExemplars()
            .register(registry);
    private final Histogram seconds = Histogram.builder()
            .name("apiRequestSeconds")
            .help("Time the DES API took to answer, by route template and method, in seconds")
            .labelNames("method", "route")
            .classicOnly()
            .withoutExemplars()
            .register(registry);

    /** Counts one answer; {@code route} is a declared template or {@link #UNMATCHED_ROUTE}. */
    void observe(String method, String route, int status, long nanos) {
        String methodLabel = METHODS.contains(method) ? method : "other";
        requests.labelValues(methodLabel, route, String.valueOf(status)).inc();
        seconds.labelValues(methodLabel, route).observe(nanos / 1e9);
    }

    /** Exposes the dispatcher's recorded attempts (it counts them itself; read at each scrape). */
    void countWebhooks(WebhookDispatcher dispatcher) {
        CounterWithCallback.builder()
                .name("webhookDeliveries")
                .help("Webhook attempts recorded as delivered (2xx) since the process started")
                .callback(callback -> callback.call(dispatcher.recordedMoves(DeliveryState.DELIVERED)))
                .register(registry);
        CounterWithCallback.builder()
                .name("webhookRetries")
                .help("Webhook attempts recorded as not delivered, to be retried, since the process started")
                .callback(callback -> callback.call(dispatcher.recordedMoves(DeliveryState.RETRYING)))
                .register(registry);
        // The same meaning as the CloudWatch webhookFailures (a metric filter on the "gave up" log line).
        CounterWithCallback.builder()
                .name("webhookFailures")
                .help("Webhook deliveries given up (not accepted before their deadline) since the process started")
                .callback(callback -> callback.call(dispatcher.recordedMoves(DeliveryState.GAVE_UP)))
                .register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }
}
