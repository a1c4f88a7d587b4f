package io.des.serve;

import static io.des.model.ApiRequests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.des.model.ApiRequests;
import io.des.registry.InMemoryEridRegistry;
import io.des.registry.RegistryFixtures;
import io.des.model.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An engine failure becomes a JSON 500 that reveals nothing of the cause. */
class ServingHandlerFailureTest {

    private static final String INTERNAL_DETAIL = "s3://internal-bucket/enriched_data access denied";

    /** A stand-in for a storage outage. */
    private static final class FailingEngine implements QueryEngine {
        @Override
        public Optional<List<Map<String, Object>>> page(String tenant, String erid, LocalDate requestDate, int page, int pageSize) {
            throw new QueryEngineException(INTERNAL_DETAIL, new IllegalStateException("nested"));
        }

        @Override
        public void close() {}
    }

    @Test
    void engineFailureIsA500WithoutInternalDetails() {
        InMemoryEridRegistry registry = new InMemoryEridRegistry();
        String today = java.time.LocalDate.now(Clock.systemUTC()).toString();
        RegistryFixtures.completed(registry, "acme", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", 5, today);
        ApiResponse response = ApiRequests.answer(new ServingHandler(new FailingEngine(), registry, Clock.systemUTC()),
                ApiRequests.get(ServingHandler.PATH, "erid=3c3f4b80-f728-4d7c-8567-1bc01df5f0a1", "acme"));

        assertEquals(500, response.status());
        assertEquals("internal_error", json(response).get("code").asText());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertFalse(text.contains("internal-bucket"), text);
        assertFalse(text.contains("Exception"), text);
    }
}
