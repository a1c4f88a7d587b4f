package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.api.tenant.SingleTenantResolver;
import io.des.api.tenant.TenantEdge;
import io.des.ingest.IngestAdmission;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.RecordPublisher;
import io.des.model.ApiResponse;
import io.des.model.ContactRecord;
import io.des.registry.InMemoryEridRegistry;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The Lambda adapter invoked with API Gateway HTTP API (payload 2.0) events, as AWS does. */
class ApiGatewayLambdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final String CHUNK = "{\"erid\":\"" + ERID + "\",\"contact_list\":[{\"email\":\"a@example.com\"},"
            + "{\"first_name\":\"Zoë\"}],\"fields_to_be_enriched\":[\"phone_number\"],\"number_of_records\":2}";

    private final List<ContactRecord> published = new ArrayList<>();
    private final ApiGatewayLambda lambda = new ApiGatewayLambda(DesRoutes.routes(new DesRoutes.Parts(publisher(),
                    new StrictEngine(), new InMemoryEridRegistry(), TenantEdge.open(Clock.systemUTC(), null),
                    url -> Optional.empty(), () -> true, Clock.systemUTC()))
            .open("GET", "/big", request -> ApiResponse.json(200, "x".repeat(10_000)))
            .build(SingleTenantResolver.defaultTenant()));

    @Test
    void statusIsServed() throws IOException {
        APIGatewayV2HTTPResponse response = lambda.handleRequest(event("GET", "/status", null, null, false), null);

        assertEquals(200, response.getStatusCode());
        assertEquals("ok", body(response).get("status").asText());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("Content-Type"));
        assertEquals("apigw-req-1", response.getHeaders().get("X-Request-Id"), "API Gateway's id when the client sent none");
    }

    @Test
    void base64PostIsAccepted() throws IOException {
        String encoded = Base64.getEncoder().encodeToString(CHUNK.getBytes(StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response = lambda.handleRequest(
                event("POST", "/v2/enriched_data", null, encoded, true), null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(2, body(response).get("accepted_records").asInt());
        assertEquals("Zoë", published.get(1).contact.get("first_name"), "decoded as UTF-8 bytes");
    }

    @Test
    void plainTextPostIsAccepted() throws IOException {
        APIGatewayV2HTTPResponse response = lambda.handleRequest(event("POST", "/v2/enriched_data", null, CHUNK, false), null);

        assertEquals(202, response.getStatusCode(), response.getBody());
        assertEquals(2, published.size());
    }

    @Test
    void badParameterIsA400NamingIt() throws IOException {
        APIGatewayV2HTTPResponse response = lambda.handleRequest(
                event("GET", "/v2/enriched_data", "erid=" + ERID + "&page=0", null, false), null);

        assertEquals(400, response.getStatusCode());
        JsonNode error = body(response);
        assertEquals("invalid_parameter", error.get("code").asText());
        assertEquals("page", error.get("parameter").asText());
        assertTrue(error.hasNonNull("error"));
    }

    @Test
    void unknownRouteIsA404() throws IOException {
        APIGatewayV2HTTPResponse response = lambda.handleRequest(event("GET", "/v1/nothing", null, null, false), null);

        assertEquals(404, response.getStatusCode());
        assertEquals("not_found", body(response).get("code").asText());
    }

    @Test
    void clientRequestIdIsPreferredToApiGateways() {
        APIGatewayV2HTTPEvent event = event("GET", "/status", null, null, false);
        event.setHeaders(Map.of("x-request-id", "client-7"));

        assertEquals("client-7", lambda.handleRequest(event, null).getHeaders().get("X-Request-Id"));
    }

    @Test
    void malformedBase64BodyIsA400() throws IOException {
        APIGatewayV2HTTPResponse response = lambda.handleRequest(
                event("POST", "/v2/enriched_data", null, "not base64!", true), null);

        assertEquals(400, response.getStatusCode());
        assertEquals("bad_request", body(response).get("code").asText());
    }

    @Test
    void largeGetAnswerIsGzippedAndBase64EncodedForClientsThatAcceptIt() throws IOException {
        APIGatewayV2HTTPEvent event = event("GET", "/big", null, null, false);
        event.setHeaders(Map.of("accept-encoding", "gzip, deflate"));

        APIGatewayV2HTTPResponse gzipped = lambda.handleRequest(event, null);
        APIGatewayV2HTTPResponse plain = lambda.handleRequest(event("GET", "/big", null, null, false), null);

        assertTrue(gzipped.getIsBase64Encoded());
        assertEquals("gzip", gzipped.getHeaders().get("Content-Encoding"));
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(gzipped.getBody()))).readAllBytes();
        assertEquals(plain.getBody(), new String(inflated, StandardCharsets.UTF_8));
        assertFalse(plain.getIsBase64Encoded());
        assertNull(plain.getHeaders().get("Content-Encoding"));
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String query, String body, boolean base64) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(query == null ? "" : query)
                .withHeaders(Map.of("content-type", "application/json", "host", "abc.execute-api.eu-west-1.amazonaws.com"))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("apigw-req-1")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    private static JsonNode body(APIGatewayV2HTTPResponse response) throws IOException {
        assertFalse(response.getIsBase64Encoded());
        return JSON.readTree(response.getBody());
    }

    private RecordPublisher publisher() {
        return new RecordPublisher() {
            @Override
            public void publish(List<ContactRecord> records) {
                published.addAll(records);
            }

            @Override
            public void close() {}
        };
    }
}
