package io.des.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.des.registry.DeliveryState;
import io.des.registry.WebhookDelivery;
import io.des.registry.WebhookDelivery.DeliveryAttempt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher against real HTTP receivers on 127.0.0.1, driven by {@code runOnce()} and a hand-moved clock. */
class WebhookDispatcherTest {

    private static final String PAYLOAD = "{\"type\":\"enrichment_request.completed\",\"data\":{\"owner\":\"Zoë 東京\"}}";
    private static final RetrySchedule LOWEST_JITTER = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), 2.0,
            RetrySchedule.Jitter.EQUAL, Duration.ofHours(24), () -> 0.0);

    private final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final InMemoryDeliveryOutbox outbox = new InMemoryDeliveryOutbox();
    private final WebhookSecret secret = WebhookSecret.generate();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void failsThreeTimesThenDeliversWithTheSameIdAndBodyAndAFreshValidSignatureEachTime() throws Exception {
        WebhookReceiver receiver = receiver(500, 500, 500, 200);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_retried", receiver.url(), clock.instant());
        WebhookVerifier verifier = new WebhookVerifier(List.of(secret), WebhookVerifier.DEFAULT_TOLERANCE, clock);
        List<Duration> expectedWaits = List.of(Duration.ofMillis(2_500), Duration.ofSeconds(5), Duration.ofSeconds(10));

        for (int attempt = 1; attempt <= 4; attempt++) {
            await(dispatcher.runOnce());
            WebhookReceiver.Received request = receiver.requests.get(attempt - 1);
            assertDoesNotThrow(() -> verifier.verify(request.body(), request.header(WebhookHeaders.ID),
                    request.header(WebhookHeaders.TIMESTAMP), request.header(WebhookHeaders.SIGNATURE)), "attempt " + attempt);
            WebhookDelivery now = outbox.get(delivery.eventId());
            if (attempt < 4) {
                assertEquals(DeliveryState.RETRYING, now.state());
                assertEquals(clock.instant().plus(expectedWaits.get(attempt - 1)), now.nextAttemptAt());
                await(dispatcher.runOnce());
                assertEquals(attempt, receiver.requests.size(), "nothing is sent before the backoff is over");
                clock.set(now.nextAttemptAt());
            }
        }

        WebhookDelivery done = outbox.get(delivery.eventId());
        assertEquals(DeliveryState.DELIVERED, done.state());
        assertEquals(List.of("500", "500", "500", "200"), done.attempts().stream().map(DeliveryAttempt::outcome).toList());
        assertEquals(List.of(false, false, false, true), done.attempts().stream().map(DeliveryAttempt::succeeded).toList());
        assertEquals(sorted(done.attempts()), done.attempts().stream().map(DeliveryAttempt::at).toList());
        Set<String> timestamps = new HashSet<>();
        Set<String> signatures = new HashSet<>();
        for (WebhookReceiver.Received request : receiver.requests) {
            assertEquals(delivery.eventId(), request.header("webhook-id"));
            assertArrayEquals(PAYLOAD.getBytes(StandardCharsets.UTF_8), request.body());
            assertEquals("application/json", request.header("Content-Type"));
            timestamps.add(request.header("webhook-timestamp"));
            signatures.add(request.header("webhook-signature"));
        }
        assertEquals(4, timestamps.size(), "a fresh webhook-timestamp per attempt");
        assertEquals(4, signatures.size(), "a fresh signature per attempt");
        assertEquals(1, dispatcher.recordedMoves(DeliveryState.DELIVERED));
        assertEquals(3, dispatcher.recordedMoves(DeliveryState.RETRYING));
    }

    @Test
    void drainDeliversEverythingDueOverSeveralPollsAndTriesEachDeliveryOncePerPass() throws Exception {
        WebhookReceiver receiver = receiver(500, 200);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 2);
        for (int i = 0; i < 5; i++) {
            enqueue("msg_drained_" + i, receiver.url(), clock.instant());
        }

        assertEquals(5, dispatcher.drain(Duration.ofSeconds(20)), "five due, two at a time: three polls in one pass");

        assertEquals(5, receiver.requests.size());
        List<WebhookDelivery> retrying = outbox.due(clock.instant().plus(Duration.ofDays(1)), 10);
        assertEquals(1, retrying.size(), "the one answered 500 waits for its backoff");
        assertEquals(4, dispatcher.recordedMoves(DeliveryState.DELIVERED));
        assertEquals(0, dispatcher.drain(Duration.ofSeconds(20)), "nothing is due before the backoff is over");
        clock.set(retrying.get(0).nextAttemptAt());
        assertEquals(1, dispatcher.drain(Duration.ofSeconds(20)));
        assertEquals(DeliveryState.DELIVERED, outbox.get(retrying.get(0).eventId()).state());
    }

    @Test
    void drainStopsWhenItsBudgetIsSpentLeavingTheAttemptUnderWayDue() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.HANG);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4, Duration.ofSeconds(30));
        WebhookDelivery delivery = enqueue("msg_budget", receiver.url(), clock.instant());

        long started = System.nanoTime();
        assertEquals(1, dispatcher.drain(Duration.ofMillis(300)));

        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10), "drain returned at its budget, not the answer timeout");
        assertEquals(DeliveryState.PENDING, outbox.get(delivery.eventId()).state(), "an attempt cut short is not recorded");
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsRetriedWithBackoff() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.HANG);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_hanging", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        WebhookDelivery after = outbox.get(delivery.eventId());
        assertEquals(DeliveryState.RETRYING, after.state());
        assertEquals(List.of(new DeliveryAttempt(clock.instant(), "timeout", false)), after.attempts());
        assertEquals(clock.instant().plusMillis(2_500), after.nextAttemptAt());
    }

    @Test
    void aFailurePastTheDeadlineGivesUp() throws Exception {
        WebhookReceiver receiver = receiver(503);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_late", receiver.url(), clock.instant().minus(Duration.ofHours(25)));

        await(dispatcher.runOnce());

        WebhookDelivery after = outbox.get(delivery.eventId());
        assertEquals(DeliveryState.GAVE_UP, after.state());
        assertEquals(List.of("503"), after.attempts().stream().map(DeliveryAttempt::outcome).toList());
        assertEquals(1, dispatcher.recordedMoves(DeliveryState.GAVE_UP));
        await(dispatcher.runOnce());
        assertEquals(1, receiver.requests.size(), "a delivery that gave up is not tried again");
    }

    @Test
    void goneGivesUpAtOnce() throws Exception {
        WebhookReceiver receiver = receiver(410);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_gone", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        assertEquals(DeliveryState.GAVE_UP, outbox.get(delivery.eventId()).state());
        assertEquals("410", outbox.get(delivery.eventId()).attempts().get(0).outcome());
    }

    @Test
    void redirectsAreNotFollowedButRetriedLater() throws Exception {
        WebhookReceiver receiver = receiver(307);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_redirected", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        assertEquals(1, receiver.requests.size(), "the Location was not followed");
        assertEquals(DeliveryState.RETRYING, outbox.get(delivery.eventId()).state());
        assertEquals("307", outbox.get(delivery.eventId()).attempts().get(0).outcome());
    }

    @Test
    void aUrlThePolicyRefusesNowIsRecordedAsRefusedAndNothingIsSent() throws Exception {
        WebhookReceiver receiver = receiver(200);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.strict().allowingHttp(), List.of(secret), 4);
        WebhookDelivery delivery = enqueue("msg_refused", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        WebhookDelivery after = outbox.get(delivery.eventId());
        assertEquals(DeliveryState.RETRYING, after.state());
        assertEquals("url refused: host 127.0.0.1 is a loopback address", after.attempts().get(0).outcome());
        assertTrue(receiver.requests.isEmpty());
    }

    @Test
    void aTenantWithoutSecretGetsNothingUnsigned() throws Exception {
        WebhookReceiver receiver = receiver(200);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(), 4);
        WebhookDelivery delivery = enqueue("msg_unsigned", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        assertEquals("no webhook secret for the tenant", outbox.get(delivery.eventId()).attempts().get(0).outcome());
        assertTrue(receiver.requests.isEmpty());
    }

    @Test
    void duringARotationBothSecretsSignAndEitherVerifies() throws Exception {
        WebhookReceiver receiver = receiver(204);
        WebhookSecret next = WebhookSecret.generate();
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(next, secret), 4);
        enqueue("msg_rotation", receiver.url(), clock.instant());

        await(dispatcher.runOnce());

        WebhookReceiver.Received request = receiver.requests.get(0);
        Map<String, String> headers = Map.of(WebhookHeaders.ID, request.header(WebhookHeaders.ID), WebhookHeaders.TIMESTAMP,
                request.header(WebhookHeaders.TIMESTAMP), WebhookHeaders.SIGNATURE, request.header(WebhookHeaders.SIGNATURE));
        assertEquals(2, headers.get(WebhookHeaders.SIGNATURE).split(" ").length);
        for (WebhookSecret either : List.of(secret, next)) {
            assertDoesNotThrow(() -> new WebhookVerifier(List.of(either), WebhookVerifier.DEFAULT_TOLERANCE, clock)
                    .verify(request.body(), headers));
        }
        assertEquals(DeliveryState.DELIVERED, outbox.get("msg_rotation").state());
    }

    @Test
    void atMostMaxInFlightAttemptsAndNoneTwiceWhileUnderWay() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.HANG);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 2, Duration.ofSeconds(10));
        for (String id : List.of("msg_a", "msg_b", "msg_c")) {
            enqueue(id, receiver.url(), clock.instant());
        }

        CompletableFuture<Void> first = dispatcher.runOnce();
        CompletableFuture<Void> second = dispatcher.runOnce();
        awaitRequests(receiver, 2);
        receiver.release();
        await(first);
        await(second);

        assertEquals(2, receiver.requests.size(), "two slots, the third delivery waits");
        assertNotEquals(receiver.requests.get(0).header("webhook-id"), receiver.requests.get(1).header("webhook-id"));
        assertTrue(outbox.get("msg_c").attempts().isEmpty());
    }

    @Test
    void startedDispatcherDeliversOnItsOwnThreadsAndCloseWaitsForAttemptsUnderWay() throws Exception {
        WebhookReceiver receiver = receiver(200);
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, tenant -> List.of(secret), CallbackUrlPolicy.localMode(),
                LOWEST_JITTER, new DispatchSettings(Duration.ofMillis(20), 4, Duration.ofSeconds(2), Duration.ofSeconds(2),
                        Duration.ofSeconds(5)), clock);
        enqueue("msg_background", receiver.url(), clock.instant());

        dispatcher.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (outbox.get("msg_background").state() != DeliveryState.DELIVERED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        dispatcher.close();

        assertEquals(DeliveryState.DELIVERED, outbox.get("msg_background").state());
        String testThread = Thread.currentThread().getName();
        assertFalse(outbox.callingThreads.contains(testThread), outbox.callingThreads.toString());
        assertTrue(outbox.callingThreads.stream().anyMatch(name -> name.startsWith("des-webhook-dispatcher")));
        assertTrue(outbox.callingThreads.stream().anyMatch(name -> name.startsWith("des-webhook-worker")));
    }

    @Test
    void closeWaitsForAnAttemptUnderWay() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.HANG);
        WebhookDispatcher dispatcher = dispatcher(CallbackUrlPolicy.localMode(), List.of(secret), 4, Duration.ofMillis(800));
        enqueue("msg_closing", receiver.url(), clock.instant());

        dispatcher.runOnce();
        awaitRequests(receiver, 1);
        dispatcher.close();

        assertEquals(List.of("timeout"), outbox.get("msg_closing").attempts().stream().map(DeliveryAttempt::outcome).toList());
    }

    private WebhookDispatcher dispatcher(CallbackUrlPolicy policy, List<WebhookSecret> secrets, int maxInFlight) {
        return dispatcher(policy, secrets, maxInFlight, Duration.ofMillis(400));
    }

    private WebhookDispatcher dispatcher(CallbackUrlPolicy policy, List<WebhookSecret> secrets, int maxInFlight,
            Duration requestTimeout) {
        DispatchSettings settings = new DispatchSettings(Duration.ofHours(1), maxInFlight, Duration.ofSeconds(2), requestTimeout,
                Duration.ofSeconds(5));
        WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, tenant -> secrets, policy, LOWEST_JITTER, settings, clock);
        toClose.add(0, dispatcher);
        return dispatcher;
    }

    private WebhookReceiver receiver(Integer... statuses) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(statuses);
        toClose.add(receiver);
        return receiver;
    }

    private WebhookDelivery enqueue(String eventId, String url, Instant createdAt) {
        WebhookDelivery delivery = new WebhookDelivery(eventId, "acme", WebhookEventsTest.ERID, "enrichment_request.completed",
                url, PAYLOAD, createdAt, DeliveryState.PENDING, createdAt, List.of());
        outbox.enqueue(delivery);
        return delivery;
    }

    private static void await(CompletableFuture<Void> round) throws Exception {
        round.get(20, TimeUnit.SECONDS);
    }

    private static void awaitRequests(WebhookReceiver receiver, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiver.requests.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static List<Instant> sorted(List<DeliveryAttempt> attempts) {
        return attempts.stream().map(DeliveryAttempt::at).sorted().toList();
    }
}
