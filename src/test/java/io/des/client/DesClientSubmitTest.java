package io.des.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link DesClient#submit} on the wire: chunks, offsets, bounded concurrency, resends and refusals. */
class DesClientSubmitTest {

    private static final String ERID = "3c3f4b80-f728-4d7c-8567-1bc01df5f0a1";
    private static final List<String> FIELDS = List.of("professional_email", "phone_number");

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    private DesClient client(FakeDes des) {
        return DesClient.builder().url(des.url()).apiKey("k-1").sleeper(waits::add).random(() -> 0.0)
                .environment(name -> null).build();
    }

    private static List<Map<String, String>> contacts(int count) {
        List<Map<String, String>> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(Map.of("first_name", "First" + i, "Last Name", "Last" + i));
        }
        return contacts;
    }

    private static FakeDes.Answer accepted(FakeDes.Request request) {
        JsonNode body = request.json();
        return FakeDes.Answer.json(202, Map.of("erid", body.get("erid").asText(),
                "accepted_records", body.get("contact_list").size(), "status_url", "/v2/enriched_data?erid=" + ERID));
    }

    @Test
    void splitsTheContactsIntoChunksWithOffsetsAndTheSameContract() throws Exception {
        try (FakeDes des = new FakeDes(DesClientSubmitTest::accepted)) {
            List<Long> progress = Collections.synchronizedList(new ArrayList<>());
            SubmitResult result = client(des).submit(ERID.toUpperCase(), contacts(2_500), FIELDS,
                    SubmitOptions.defaults().withChunkSize(1_000).withOnAccepted(progress::add));

            assertEquals(new SubmitResult(ERID, 2_500, 3, "/v2/enriched_data?erid=" + ERID), result);
            List<JsonNode> posts = des.requests().stream().map(FakeDes.Request::json)
                    .sorted(java.util.Comparator.comparingLong(b -> b.get("offset").asLong())).toList();
            assertEquals(List.of(0L, 1_000L, 2_000L), posts.stream().map(b -> b.get("offset").asLong()).toList());
            assertEquals(List.of(1_000, 1_000, 500), posts.stream().map(b -> b.get("contact_list").size()).toList());
            for (JsonNode post : posts) {
                assertEquals(ERID, post.get("erid").asText());
                assertEquals(2_500, post.get("number_of_records").asLong());
                assertEquals("[\"professional_email\",\"phone_number\"]", post.get("fields_to_be_enriched").toString());
                long offset = post.get("offset").asLong();
                assertEquals("First" + offset, post.at("/contact_list/0/first_name").asText());
                assertEquals("Last" + offset, post.at("/contact_list/0/Last Name").asText());
            }
            assertTrue(des.requests().stream().allMatch(r -> "Bearer k-1".equals(r.header("Authorization"))));
            assertTrue(des.requests().stream().allMatch(r -> r.target().equals("/v2/enriched_data")));
            assertEquals(2_500L, progress.get(progress.size() - 1));
            assertEquals(3, progress.size());
        }
    }

    @Test
    void resendsAChunkAnswered503WithTheSameOffsetAfterItsRetryAfter() throws Exception {
        AtomicInteger refusals = new AtomicInteger();
        try (FakeDes des = new FakeDes(request -> request.json().get("offset").asLong() == 1_000 && refusals.getAndIncrement() < 2
                ? FakeDes.Answer.error(503, "storage_unavailable", "resend").with("Retry-After", "2")
                : accepted(request))) {
            SubmitResult result = client(des).submit(ERID, contacts(2_000), FIELDS, SubmitOptions.defaults());

            assertEquals(2_000, result.numberOfRecords());
            List<FakeDes.Request> second = des.requests().stream()
                    .filter(r -> r.json().get("offset").asLong() == 1_000).toList();
            assertEquals(3, second.size(), "sent, refused twice, resent");
            assertEquals(1, second.stream().map(r -> new String(r.body())).distinct().count(), "every resend is the same chunk");
            assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)), waits);
        }
    }

    @Test
    void resendsOn429AndAfterADroppedConnectionWithBackoffWhenNoRetryAfterIsGiven() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (FakeDes des = new FakeDes(request -> switch (calls.incrementAndGet()) {
            case 1 -> FakeDes.Answer.error(429, "rate_limited", "slow down");
            case 2 -> FakeDes.Answer.DROP;
            default -> accepted(request);
        })) {
            client(des).submit(ERID, contacts(10), FIELDS, SubmitOptions.defaults());

            assertEquals(3, des.requests().size());
            assertEquals(1, des.requests().stream().map(r -> new String(r.body())).distinct().count());
            // Equal jitter drawn at its floor: half of 0.5 s, then half of 1 s.
            assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), waits);
        }
    }

    @Test
    void failsFastOnAnotherClientErrorWithDesCodeAndSendsNoFurtherChunk() throws Exception {
        try (FakeDes des = new FakeDes(request -> FakeDes.Answer.json(409, Map.of("error", "number_of_records 5 ≠ 4",
                "code", "erid_conflict")).with("X-Request-Id", "req-7"))) {
            DesApiException refused = assertThrows(DesApiException.class, () -> client(des).submit(ERID, contacts(3_000),
                    FIELDS, SubmitOptions.defaults().withConcurrency(1)));

            assertEquals(409, refused.status());
            assertEquals("erid_conflict", refused.code());
            assertEquals("number_of_records 5 ≠ 4", refused.error());
            assertEquals("req-7", refused.requestId());
            assertEquals(1, des.requests().size(), "the chunk waiting for its turn is not sent after the refusal");
            assertEquals(List.of(), waits, "no resend");
        }
    }

    @Test
    void givesUpAfterTheResendPolicysAttemptsWithTheLastAnswer() throws Exception {
        try (FakeDes des = new FakeDes(request -> FakeDes.Answer.error(503, "overloaded", "busy"))) {
            DesClient client = DesClient.builder().url(des.url()).sleeper(waits::add).random(() -> 0.0)
                    .resendPolicy(new ResendPolicy(4, Duration.ofMillis(100), Duration.ofMillis(300))).build();
            DesApiException refused = assertThrows(DesApiException.class,
                    () -> client.submit(ERID, contacts(1), FIELDS, SubmitOptions.defaults()));

            assertEquals("overloaded", refused.code());
            assertEquals(4, des.requests().size());
            assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150)), waits, "capped at 300 ms");
        }
    }

    @Test
    void keepsAtMostConcurrencyChunksInFlight() throws Exception {
        int concurrency = 3;
        CountDownLatch allIn = new CountDownLatch(concurrency);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Long> offsets = ConcurrentHashMap.newKeySet();
        try (FakeDes des = new FakeDes(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allIn.countDown();
            try {
                // The first chunks wait for one another: proof that three really are sent at once.
                allIn.await(10, TimeUnit.SECONDS);
                offsets.add(request.json().get("offset").asLong());
                return accepted(request);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        })) {
            client(des).submit(ERID, contacts(1_000), FIELDS, SubmitOptions.defaults().withChunkSize(100).withConcurrency(concurrency));

            assertEquals(0, allIn.getCount());
            assertEquals(concurrency, most.get());
            assertEquals(10, offsets.size());
            assertEquals(Set.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L), offsets);
        }
    }

    @Test
    void takesTheApiKeyFromDesApiKeyWhenTheCallerGivesNone() throws Exception {
        try (FakeDes des = new FakeDes(DesClientSubmitTest::accepted)) {
            DesClient.builder().url(des.url()).environment(name -> name.equals("DES_API_KEY") ? " env-key " : null).build()
                    .submit(ERID, contacts(1), FIELDS, SubmitOptions.defaults());
            DesClient.builder().url(des.url()).apiKey("given").environment(name -> "env-key").build()
                    .submit(ERID, contacts(1), FIELDS, SubmitOptions.defaults());
            DesClient.builder().url(des.url()).environment(name -> null).build()
                    .submit(ERID, contacts(1), FIELDS, SubmitOptions.defaults());

            assertEquals(java.util.Arrays.asList("Bearer env-key", "Bearer given", null),
                    des.requests().stream().map(r -> r.header("Authorization")).collect(Collectors.toList()));
        }
    }

    @Test
    void refusesAnEridThatIsNotAUuidBeforeSendingAnything() throws Exception {
        try (FakeDes des = new FakeDes(DesClientSubmitTest::accepted)) {
            assertThrows(IllegalArgumentException.class,
                    () -> client(des).submit("../../etc", contacts(1), FIELDS, SubmitOptions.defaults()));
            assertEquals(List.of(), des.requests());
        }
    }
}
