package io.des.notify;

import io.des.registry.DeliveryOutbox;
import io.des.registry.DeliveryState;
import io.des.registry.WebhookDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox's due webhooks: at least once, signed, with backoff until the deadline.
 *
 * <p>Runs on threads of its own (a scheduler polling every {@link DispatchSettings#pollInterval()}
 * and a worker pool for resolving, signing, sending and recording), never on a Flink task thread.
 * Each attempt re-checks the URL against the policy (DNS may have changed since the POST), signs
 * the stored body with the tenant's current secrets and a fresh {@code webhook-timestamp}, sends
 * it with the same {@code webhook-id} as every other attempt, and records the outcome and the
 * next state ({@link DeliveryDecision}) in the outbox. At most {@link DispatchSettings#maxInFlight()}
 * attempts are under way at once. An attempt cut short by a crash or by {@link #close()} is not
 * recorded, so the delivery stays due and is made again: receivers dedupe on {@code webhook-id}.
 *
 * <p>Log lines name the event id, tenant and ERID, never a secret or a signature.
 */
public final class WebhookDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final DeliveryOutbox outbox;
    private final TenantWebhookSecrets secrets;
    private final CallbackUrlPolicy policy;
    private final RetrySchedule schedule;
    private final DispatchSettings settings;
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("des-webhook-worker"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemonThreads("des-webhook-dispatcher"));
    private final WebhookSender sender;
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLongArray recorded = new AtomicLongArray(DeliveryState.values().length);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public WebhookDispatcher(DeliveryOutbox outbox, TenantWebhookSecrets secrets, CallbackUrlPolicy policy,
            RetrySchedule schedule, DispatchSettings settings, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        // Redirects are never followed: the policy checked this URL, not wherever a 3xx points
        // (169.254.169.254, say). HTTP/1.1 because every receiver speaks it and one POST gains
        // nothing from HTTP/2.
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(workers)
                .build();
        this.sender = new WebhookSender(client, settings.requestTimeout(), clock);
    }

    /** Starts polling the outbox on the dispatcher's own thread. */
    public void start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("the webhook dispatcher was already started or closed");
        }
        poller.scheduleWithFixedDelay(this::pollQuietly, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One poll: starts an attempt for each due delivery not already under way, up to the free
     * slots. Tests drive the dispatcher with this instead of {@link #start()}.
     *
     * @return completes once every attempt started here is recorded (or failed to be)
     */
    public CompletableFuture<Void> runOnce() {
        return CompletableFuture.allOf(startDue(new HashSet<>()).toArray(CompletableFuture[]::new));
    }

    /**
     * Polls and waits for each poll's attempts until nothing is due but deliveries this call
     * already attempted, or {@code budget} is spent: one pass, for a host that runs the dispatcher
     * on a schedule instead of in the background (a Lambda function freezes between invocations).
     * An attempt still under way when the budget ends is not recorded, so its delivery stays due.
     *
     * @return the attempts started
     */
    public int drain(Duration budget) throws InterruptedException {
        long deadline = System.nanoTime() + budget.toNanos();
        Set<String> attempted = new HashSet<>();
        while (true) {
            List<CompletableFuture<Void>> startedNow = startDue(attempted);
            long left = deadline - System.nanoTime();
            if (startedNow.isEmpty() || left <= 0) {
                return attempted.size();
            }
            try {
                CompletableFuture.allOf(startedNow.toArray(CompletableFuture[]::new)).get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException budgetSpent) { // attempts never complete exceptionally
                return attempted.size();
            }
        }
    }

    /**
     * Synchronized, so that two polls never both take the same delivery. A delivery in {@code
     * skipped} is not attempted again (one whose attempt could not be recorded stays due); every
     * delivery started is added to it.
     */
    private synchronized List<CompletableFuture<Void>> startDue(Set<String> skipped) {
        int free = settings.maxInFlight() - inFlight.size();
        List<CompletableFuture<Void>> startedNow = new ArrayList<>();
        if (closed.get() || free <= 0) {
            return startedNow;
        }
        // Read a page as large as the whole window: deliveries under way still look due until
        // their attempt is recorded, and must not hide those that are not.
        List<WebhookDelivery> due = outbox.due(clock.instant(), settings.maxInFlight());
        for (WebhookDelivery delivery : due) {
            if (startedNow.size() == free) {
                break;
            }
            if (!delivery.state().isOpen() || inFlight.containsKey(delivery.eventId()) || skipped.contains(delivery.eventId())) {
                continue;
            }
            CompletableFuture<Void> attempt = attempt(delivery);
            inFlight.put(delivery.eventId(), attempt);
            attempt.whenComplete((ignored, never) -> inFlight.remove(delivery.eventId(), attempt));
            startedNow.add(attempt);
            skipped.add(delivery.eventId());
        }
        return startedNow;
    }

    /** How many attempts were recorded moving a delivery to {@code state}, since this dispatcher started. */
    public long recordedMoves(DeliveryState state) {
        return recorded.get(state.ordinal());
    }

    /** Stops polling, waits up to {@link DispatchSettings#closeGrace()} for attempts under way, then stops their threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        poller.shutdown();
        try {
            // A poll under way finishes first, so every attempt it starts is waited for below.
            poller.awaitTermination(settings.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new))
                    .get(settings.closeGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillRunning) {
            LOG.warn("Closing the webhook dispatcher with {} attempts unrecorded; they will be made again", inFlight.size());
        }
        poller.shutdownNow();
        workers.shutdownNow();
    }

    private void pollQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // An exception escaping a scheduled task would cancel every later poll.
            LOG.warn("Polling the webhook outbox failed; trying again in {}", settings.pollInterval(), e);
        }
    }

    /** Never completes exceptionally: a failure to record is logged, and the delivery stays due. */
    private CompletableFuture<Void> attempt(WebhookDelivery delivery) {
        Instant startedAt = clock.instant();
        return CompletableFuture.supplyAsync(() -> send(delivery, startedAt), workers)
                .thenCompose(sending -> sending)
                .exceptionally(AttemptOutcome::ofFailure)
                .thenAcceptAsync(outcome -> record(delivery, startedAt, outcome), workers)
                .exceptionally(failure -> {
                    LOG.warn("Webhook {}: could not record the attempt; the delivery stays due", delivery.eventId(), failure);
                    return null;
                });
    }

    /** Checks the URL and the secrets before any byte leaves, then signs and sends. */
    private CompletableFuture<AttemptOutcome> send(WebhookDelivery delivery, Instant startedAt) {
        Optional<String> urlRefusal = policy.refusal(delivery.url());
        if (urlRefusal.isPresent()) {
            return CompletableFuture.completedFuture(AttemptOutcome.urlRefused(urlRefusal.get()));
        }
        List<WebhookSecret> tenantSecrets = secrets.secretsOf(delivery.tenant());
        if (tenantSecrets.isEmpty()) {
            return CompletableFuture.completedFuture(AttemptOutcome.noSecret());
        }
        // The stored body, byte for byte, on every attempt; a fresh timestamp and signature each time.
        byte[] body = delivery.payloadJson().getBytes(StandardCharsets.UTF_8);
        WebhookHeaders headers = WebhookSigner.sign(tenantSecrets, delivery.eventId(), startedAt.getEpochSecond(), body);
        return sender.send(URI.create(delivery.url()), headers, body);
    }

    private void record(WebhookDelivery delivery, Instant startedAt, AttemptOutcome outcome) {
        DeliveryDecision decision = DeliveryDecision.after(delivery, outcome, schedule, clock.instant());
        if (!delivery.state().canMoveTo(decision.next())) {
            LOG.warn("Webhook {}: {} cannot move to {}; attempt not recorded", delivery.eventId(), delivery.state(), decision.next());
            return;
        }
        WebhookDelivery.DeliveryAttempt attempt = new WebhookDelivery.DeliveryAttempt(startedAt, outcome.description(), outcome.succeeded());
        if (!outbox.recordAttempt(delivery.eventId(), attempt, decision.next(), decision.nextAttemptAt())) {
            LOG.info("Webhook {}: already finished elsewhere; this attempt ({}) is not recorded", delivery.eventId(), outcome.description());
            return;
        }
        recorded.incrementAndGet(decision.next().ordinal());
        int number = delivery.attempts().size() + 1;
        if (decision.next() == DeliveryState.GAVE_UP) {
            LOG.warn("Webhook {} ({} of {}/{}): attempt {}: {}; gave up", delivery.eventId(), delivery.type(), delivery.tenant(),
                    delivery.erid(), number, outcome.description());
        } else {
            LOG.info("Webhook {} ({} of {}/{}): attempt {}: {}; {}{}", delivery.eventId(), delivery.type(), delivery.tenant(),
                    delivery.erid(), number, outcome.description(), decision.next(),
                    decision.nextAttemptAt() == null ? "" : ", next at " + decision.nextAttemptAt());
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
