package io.des.api;

import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.model.ApiError;
import io.des.model.ApiException;
import io.des.model.ApiRequest;
import io.des.model.ApiResponse;
import io.des.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ApiRouterTest {

    private final List<ApiRequest> seen = new ArrayList<>();
    private final List<String> mdcDuringHandling = new ArrayList<>();
    private int resolverCalls;

    private final ApiRouter router = ApiRouter.builder()
            .tenant("POST", "/v2/enriched_data", this::record)
            .tenant("GET", "/v2/enriched_data", this::record)
            .open("GET", "/status", this::record)
            .open("GET", "/boom", request -> {
                throw new IllegalStateException("jdbc:duckdb:/secret/path exploded");
            })
            .open("GET", "/refused", request -> {
                throw new ApiException(ApiError.parameter("page", "page must be an integer >= 1"));
            })
            .build(request -> {
                resolverCalls++;
                if ("wrong".equals(request.header("Authorization"))) {
                    throw new ApiException(ApiError.of(ErrorCode.UNAUTHORIZED, "unknown key")
                            .withHeader("WWW-Authenticate", "Bearer"));
                }
                return "acme";
            });

    private ApiResponse record(ApiRequest request) {
        seen.add(request);
        mdcDuringHandling.add(MDC.get(RequestIds.MDC_KEY));
        return ApiResponse.json(200, Map.of("ok", true));
    }

    @Test
    void unknownPathIsNotFound() {
        ApiResponse response = router.handle(request("GET", "/v2/enriched_data/extra", Map.of()));

        assertEquals(404, response.status());
        assertEquals("not_found", json(response).get("code").asText());
        assertTrue(seen.isEmpty());
    }

    @Test
    void knownPathWithAnotherMethodIsNotAllowedListingTheMethods() {
        ApiResponse enriched = router.handle(request("PUT", "/v2/enriched_data", Map.of()));
        ApiResponse status = router.handle(request("POST", "/status", Map.of()));

        assertEquals(405, enriched.status());
        assertEquals("method_not_allowed", json(enriched).get("code").asText());
        assertEquals("GET, POST", enriched.headers().get("Allow"));
        assertEquals("GET", status.headers().get("Allow"));
        assertTrue(seen.isEmpty());
        assertEquals(0, resolverCalls, "no tenant is resolved for a request no route takes");
    }

    @Test
    void tenantRouteHandsTheHandlerTheResolvedTenant() {
        router.handle(request("POST", "/v2/enriched_data", Map.of()));

        assertEquals("acme", seen.get(0).tenant());
        assertEquals(1, resolverCalls);
    }

    @Test
    void openRouteResolvesNoTenant() {
        router.handle(request("GET", "/status", Map.of("Authorization", "wrong")));

        assertNull(seen.get(0).tenant());
        assertEquals(0, resolverCalls);
    }

    @Test
    void resolverRefusalIsTheAnswerAndTheHandlerIsNotCalled() {
        ApiResponse response = router.handle(request("GET", "/v2/enriched_data", Map.of("Authorization", "wrong")));

        assertEquals(401, response.status());
        assertEquals("unauthorized", json(response).get("code").asText());
        assertEquals("Bearer", response.headers().get("WWW-Authenticate"));
        assertTrue(seen.isEmpty());
    }

    @Test
    void apiExceptionFromAHandlerIsItsError() {
        ApiResponse response = router.handle(request("GET", "/refused", Map.of()));

        assertEquals(400, response.status());
        assertEquals("invalid_parameter", json(response).get("code").asText());
        assertEquals("page", json(response).get("parameter").asText());
    }

    @Test
    void unexpectedFailureIsA500ThatLeaksNothing() {
        ApiResponse response = router.handle(request("GET", "/boom", Map.of()));

        assertEquals(500, response.status());
        assertEquals("internal_error", json(response).get("code").asText());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertFalse(text.contains("secret") || text.contains("duckdb") || text.contains("Exception"), text);
        assertEquals("req-42", response.headers().get(RequestIds.HEADER));
    }

    @Test
    void everyAnswerCarriesTheRequestId() {
        for (String path : List.of("/status", "/nowhere", "/boom", "/refused")) {
            assertEquals("req-42", router.handle(request("GET", path, Map.of())).headers().get(RequestIds.HEADER), path);
        }
        assertEquals("req-42", router.handle(request("DELETE", "/status", Map.of())).headers().get(RequestIds.HEADER));
    }

    @Test
    void requestIdIsInTheMdcWhileTheHandlerRunsAndGoneAfter() {
        router.handle(request("GET", "/status", Map.of()));

        assertEquals(List.of("req-42"), mdcDuringHandling);
        assertNull(MDC.get(RequestIds.MDC_KEY));
    }

    @Test
    void routeDeclaredTwiceIsRefused() {
        ApiRouter.Builder builder = ApiRouter.builder().open("GET", "/status", request -> null);

        assertThrows(IllegalArgumentException.class, () -> builder.tenant("GET", "/status", request -> null));
    }

    @Test
    void saneClientRequestIdIsKeptAndAnyOtherReplaced() {
        assertEquals("abc-123_x.y", RequestIds.choose("abc-123_x.y"));
        assertEquals("JKJaXmPLvHcESHA=", RequestIds.choose(null, "JKJaXmPLvHcESHA="));
        for (String insane : new String[] {"", "a b", "x\r\nSet-Cookie: y", "é", "a".repeat(129)}) {
            String chosen = RequestIds.choose(insane);
            assertFalse(chosen.equals(insane));
            assertTrue(chosen.matches("[0-9a-f-]{36}"), chosen);
        }
        assertFalse(RequestIds.choose((String) null).equals(RequestIds.choose((String) null)), "generated ids differ");
    }

    private static ApiRequest request(String method, String path, Map<String, String> headers) {
        return new ApiRequest(method, path, null, headers, new byte[0], "req-42", null);
    }
}
