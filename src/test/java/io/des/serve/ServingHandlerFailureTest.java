package io.des.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** An engine failure becomes a JSON 500 that reveals nothing of the cause. */
class ServingHandlerFailureTest {

    private static final String INTERNAL_DETAIL = "s3://internal-bucket/enriched_data access denied";

    /** A stand-in for a storage outage. */
    private static final class FailingEngine implements QueryEngine {
        @Override
        public EridStatus status(String tenant, String erid, LocalDate startDate, LocalDate endDate) {
            throw new QueryEngineException(INTERNAL_DETAIL);
        }

        @Override
        public ResultPage page(String tenant, String erid, LocalDate startDate, LocalDate endDate, int page, int pageSize) {
            throw new QueryEngineException(INTERNAL_DETAIL, new IllegalStateException("nested"));
        }

        @Override
        public void close() {}
    }

    @Test
    void engineFailureIsA500WithoutInternalDetails() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(ServingHandler.PATH, new ServingHandler(new FailingEngine(), Clock.systemUTC()));
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/v2/enriched_data?erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(500, response.statusCode());
            JsonNode body = new ObjectMapper().readTree(response.body());
            assertTrue(body.hasNonNull("error"));
            assertFalse(response.body().contains("internal-bucket"), response.body());
            assertFalse(response.body().contains("Exception"), response.body());
        } finally {
            server.stop(0);
        }
    }
}
