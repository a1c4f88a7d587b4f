package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.des.api.tenant.SingleTenantResolver;
import io.des.registry.InMemoryEridRegistry;
import io.des.serve.ServingHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /v2/enriched_data} over the real edge with garbage, overflowing and out-of-range
 * parameters: every answer is a 200 or a 400 {@code invalid_parameter} naming a parameter, never a
 * 500 or a dropped connection, and the engine only ever sees values within its contract.
 */
class EnrichedDataParameterFuzzTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final List<String> PARAMETERS = List.of("erid", "start_date", "end_date", "page", "page_size");
    private static final long SEED = 20261130L;

    private static ApiServer server;

    @BeforeAll
    static void startServer() throws Exception {
        ApiRouter router = ApiRouter.builder()
                .tenant("GET", ServingHandler.PATH, new ServingHandler(new StrictEngine(), new InMemoryEridRegistry(), Clock.systemUTC()))
                .build(SingleTenantResolver.defaultTenant());
        server = ApiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TestApi.shortLimits(), router);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "page=99999999999999999999     | page",
        "page=2147483648               | page",
        "page=-1                       | page",
        "page=1e3                      | page",
        "page=0x10                     | page",
        "page=                         | page",
        "page_size=-0                  | page_size",
        "page_size=1.5                 | page_size",
        "page_size=%205                | page_size",
        "start_date=%2B99999-01-01     | start_date",
        "end_date=%2B99999-01-01       | end_date",
        "end_date=-0001-01-01          | end_date",
        "start_date=2024-02-30         | start_date",
        "start_date=20240101           | start_date",
        "start_date=2024-1-1           | start_date",
        "start_date=0000-01-01         | start_date",
        "start_date=9999-12-31         | start_date",
        "end_date=%zz                  | end_date",
        "page=%                        | page",
        "page=1&page=1                 | page",
        "start_date=2024-01-01&start_date=2024-01-01 | start_date",
    })
    void garbageParameterIs400NamingIt(String query, String parameter) throws Exception {
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            RawHttp.Answer answer = client.send(RawHttp.get(ServingHandler.PATH + "?erid=" + ERID + "&" + query)).read();

            assertEquals(400, answer.status(), new String(answer.body()));
            assertEquals("invalid_parameter", answer.code());
            assertEquals(parameter, answer.json().get("parameter").asText());
        }
    }

    @Test
    void randomParametersAreAnswered200Or400NamingOneNeverA500OrADroppedConnection() throws Exception {
        Random random = new Random(SEED);
        Set<String> named = Set.of("erid", "start_date", "end_date", "page", "page_size", "query");
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            for (int i = 0; i < 400; i++) {
                String query = randomQuery(random);
                RawHttp.Answer answer = client.send(RawHttp.get(ServingHandler.PATH + "?" + query)).read(); // same connection

                String context = "seed " + SEED + ", case " + i + ": " + query;
                assertTrue(answer.status() == 200 || answer.status() == 400, context + " -> " + answer.status());
                if (answer.status() == 400) {
                    assertEquals("invalid_parameter", answer.code(), context);
                    JsonNode parameter = answer.json().get("parameter");
                    assertTrue(parameter != null && named.contains(parameter.asText()), context + " -> " + answer.json());
                }
            }
        }
    }

    /** A valid query with one to three parameters replaced by random garbage. */
    private static String randomQuery(Random random) {
        String[] values = {ERID, "2024-02-01", "2024-02-08", "1", "10"};
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            values[random.nextInt(values.length)] = garbage(random);
        }
        StringBuilder query = new StringBuilder();
        for (int p = 0; p < PARAMETERS.size(); p++) {
            if (random.nextInt(6) > 0) { // sometimes a parameter is left out
                query.append(query.length() == 0 ? "" : "&").append(PARAMETERS.get(p)).append('=').append(values[p]);
            }
        }
        if (random.nextInt(10) == 0) {
            query.append("&page=").append(garbage(random)); // repeated
        }
        return query.toString();
    }

    /** Characters a request target may carry, stray and broken percent escapes, huge numbers. */
    private static String garbage(Random random) {
        String alphabet = "0123456789+-.eExXzZ:/_~!$'()*,;@%";
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf(random.nextLong()) + random.nextInt(1_000_000);
            case 1 -> "%" + Integer.toHexString(random.nextInt(256)) + (random.nextBoolean() ? "%zz" : "%e2%82");
            case 2 -> String.format("%04d-%02d-%02d", random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
            default -> {
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(40); i > 0; i--) {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                yield text.toString();
            }
        };
    }
}
