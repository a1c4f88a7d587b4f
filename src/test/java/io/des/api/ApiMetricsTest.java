package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiMetricsTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";

    private final ApiMetrics metrics = new ApiMetrics();

    private ApiRouter router(Optional<String> token) {
        return ApiRouter.builder()
                .tenant("GET", "/v2/enrichment_requests/{erid}", request -> ApiResponse.json(200, Map.of("ok", true)))
                .tenant("POST", "/v2/enriched_data", request -> ApiResponse.json(202, Map.of("ok", true)))
                .open("GET", MetricsHandler.PATH, new MetricsHandler(metrics, token))
                .observedBy(metrics)
                .build(request -> "acme");
    }

    @Test
    void answersAreCountedByRouteTemplateAndStatusNeverByWhatWasSent() {
        ApiRouter router = router(Optional.empty());
        router.handle(request("GET", "/v2/enrichment_requests/" + ERID, Map.of()));
        router.handle(request("GET", "/v2/enrichment_requests/" + ERID, Map.of()));
        router.handle(request("POST", "/v2/enriched_data", Map.of()));
        router.handle(request("DELETE", "/v2/enriched_data", Map.of()));
        router.handle(request("GET", "/v2/acme-secret-path", Map.of()));
        router.handle(request("BREW", "/v2/enriched_data", Map.of()));

        ApiResponse scrape = router.handle(request("GET", "/metrics", Map.of()));
        String text = new String(scrape.body(), StandardCharsets.UTF_8);

        assertEquals(200, scrape.status());
        assertTrue(scrape.headers().get("Content-Type").startsWith("text/plain; version=0.0.4"), scrape.headers().toString());
        assertTrue(text.contains("apiRequests_total{method=\"GET\",route=\"/v2/enrichment_requests/{erid}\",status=\"200\"} 2.0"), text);
        assertTrue(text.contains("apiRequests_total{method=\"POST\",route=\"/v2/enriched_data\",status=\"202\"} 1.0"), text);
        assertTrue(text.contains("apiRequests_total{method=\"DELETE\",route=\"/v2/enriched_data\",status=\"405\"} 1.0"), text);
        assertTrue(text.contains("apiRequests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0"), text);
        assertTrue(text.contains("apiRequests_total{method=\"other\",route=\"/v2/enriched_data\",status=\"405\"} 1.0"), text);
        assertTrue(text.contains("apiRequestSeconds_count{method=\"GET\",route=\"/v2/enrichment_requests/{erid}\"} 2"), text);
        assertFalse(text.contains(ERID), "no ERID in any label");
        assertFalse(text.contains("acme"), "no tenant, no path sent");
    }

    @Test
    void withATokenOnlyAScraperSendingItGetsTheMetrics() {
        ApiRouter router = router(Optional.of("s3cret-metrics-token"));

        assertEquals(401, router.handle(request("GET", "/metrics", Map.of())).status());
        assertEquals(401, router.handle(request("GET", "/metrics", Map.of("Authorization", "Bearer s3cret-metrics-toke"))).status());
        ApiResponse scrape = router.handle(request("GET", "/metrics", Map.of("Authorization", "Bearer s3cret-metrics-token")));
        assertEquals(200, scrape.status());
        assertTrue(new String(scrape.body(), StandardCharsets.UTF_8)
                .contains("apiRequests_total{method=\"GET\",route=\"/metrics\",status=\"401\"} 2.0"));
    }

    private static ApiRequest request(String method, String path, Map<String, String> headers) {
        return new ApiRequest(method, path, null, headers, new byte[0], "req-1", null);
    }
}
