package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.des.api.tenant.SingleTenantResolver;
import io.des.ingest.ContractGate;
import io.des.ingest.IngestAdmission;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.RecordPublisher;
import io.des.model.ContactRecord;
import io.des.registry.InMemoryEridRegistry;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/enriched_data} over the real edge with valid bodies whose members are replaced by
 * wrong types, overflowing and out-of-range numbers, deep nesting and long strings, and with
 * truncated or corrupted bytes: every answer is a 202, or a 400/413 with a {@code code} (and the
 * {@code field} when one member is at fault), never a 500 or a dropped connection.
 */
class IngestBodyFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = 20261130L;
    private static final String DEEP_MARKER = "@@deep@@";
    private static final List<String> MEMBERS = List.of("erid", "number_of_records", "offset", "fields_to_be_enriched",
            "fields_to_be_enriched[0]", "contact_list", "contact_list[0]", "contact_list[0].first_name");
    private static final Set<String> MEMBER_CODES = Set.of("invalid_field", "too_many_contacts", "number_of_records_limit");

    private static ApiServer server;

    @BeforeAll
    static void startServer() throws Exception {
        RecordPublisher storesNothing = new RecordPublisher() {
            @Override
            public void publish(List<ContactRecord> records) {}

            @Override
            public void close() {}
        };
        ApiRouter router = ApiRouter.builder()
                .tenant("POST", IngestHandler.PATH,
                        new IngestHandler(storesNothing, IngestLimits.defaults(), IngestAdmission.UNLIMITED,
                                new ContractGate(new InMemoryEridRegistry(), Clock.systemUTC(), url -> Optional.empty(), tenant -> null)))
                .build(SingleTenantResolver.defaultTenant());
        server = ApiServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), TestApi.shortLimits(), router);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void mutatedMembersAreAnsweredWithACodeAndTheFieldNeverA500() throws Exception {
        Random random = new Random(SEED);
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            for (int i = 0; i < 300; i++) {
                ObjectNode body = validBody();
                String member = MEMBERS.get(random.nextInt(MEMBERS.size()));
                replace(body, member, garbage(random));
                String text = JSON.writeValueAsString(body).replace('"' + DEEP_MARKER + '"', "[".repeat(5000) + "]".repeat(5000));
                RawHttp.Answer answer = post(client, text.getBytes(StandardCharsets.UTF_8)); // one keep-alive connection

                String context = "seed " + SEED + ", case " + i + ": " + member + " = " + abbreviate(body);
                assertTrue(Set.of(202, 400, 413).contains(answer.status()), context + " -> " + answer.status());
                if (answer.status() != 202) {
                    String code = answer.code();
                    if (MEMBER_CODES.contains(code)) {
                        String field = answer.json().path("field").asText();
                        assertTrue(field.startsWith(member.replaceAll("\\[.*", "")), context + " -> " + answer.json());
                    } else {
                        assertEquals("invalid_json", code, context);
                    }
                }
            }
        }
    }

    @Test
    void corruptedBytesAreAnsweredAsInvalidJsonNeverA500() throws Exception {
        Random random = new Random(SEED);
        byte[] valid = JSON.writeValueAsBytes(validBody());
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            for (int i = 0; i < 200; i++) {
                byte[] corrupted = random.nextBoolean()
                        ? java.util.Arrays.copyOf(valid, random.nextInt(valid.length))
                        : flipSomeBytes(valid, random);
                RawHttp.Answer answer = post(client, corrupted);

                String context = "seed " + SEED + ", case " + i + ": " + new String(corrupted, StandardCharsets.ISO_8859_1);
                assertTrue(Set.of(202, 400).contains(answer.status()), context + " -> " + answer.status());
                if (answer.status() == 400) {
                    assertTrue(answer.code() != null, context);
                }
            }
        }
    }

    private static RawHttp.Answer post(RawHttp client, byte[] body) throws Exception {
        client.send(RawHttp.postHead(IngestHandler.PATH, body.length));
        return client.send(body).read();
    }

    private static ObjectNode validBody() {
        ObjectNode body = NODES.objectNode();
        body.put("erid", "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1");
        ArrayNode contacts = body.putArray("contact_list");
        contacts.addObject().put("first_name", "Ada").put("last_name", "Lovelace").put("company_name", "Analytical");
        contacts.addObject().put("email", "grace@example.com");
        body.putArray("fields_to_be_enriched").add("professional_email").add("job_title");
        body.put("number_of_records", 10);
        body.put("offset", 4);
        return body;
    }

    private static void replace(ObjectNode body, String member, JsonNode value) {
        switch (member) {
            case "fields_to_be_enriched[0]" -> ((ArrayNode) body.get("fields_to_be_enriched")).set(0, value);
            case "contact_list[0]" -> ((ArrayNode) body.get("contact_list")).set(0, value);
            case "contact_list[0].first_name" -> ((ObjectNode) body.get("contact_list").get(0)).set("first_name", value);
            default -> body.set(member, value);
        }
    }

    /** Wrong types, numbers past every integer type, negative and fractional numbers, deep nesting, long text. */
    private static JsonNode garbage(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.numberNode(new BigInteger("9".repeat(1 + random.nextInt(60))));
            case 1 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 2 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 3 -> NODES.numberNode(Long.MIN_VALUE);
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode("");
            case 7 -> NODES.textNode("x".repeat(random.nextInt(200_000)));
            case 8 -> NODES.textNode(new String(new int[] {0x1F600, 0x0000, 0xFFFD, 0x202E}, 0, 4));
            case 9 -> NODES.textNode(DEEP_MARKER); // replaced by nesting deeper than any writer would write
            case 10 -> NODES.objectNode().put("nested", random.nextInt());
            default -> NODES.arrayNode().add(random.nextInt()).add("text");
        };
    }

    private static byte[] flipSomeBytes(byte[] valid, Random random) {
        byte[] copy = valid.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static String abbreviate(JsonNode body) {
        String text = body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
