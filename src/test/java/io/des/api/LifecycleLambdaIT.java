package io.des.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.api.tenant.TenantEdge;
import io.des.it.Dynalite;
import io.des.it.S3ProxyEmulator;
import io.des.it.WebhookReceiver;
import io.des.model.StorageLayout;
import io.des.model.TenantIds;
import io.des.notify.CallbackUrlPolicy;
import io.des.notify.WebhookEvents;
import io.des.notify.WebhookSecret;
import io.des.registry.DeliveryState;
import io.des.registry.DynamoDbEridRegistry;
import io.des.registry.EridContract;
import io.des.registry.EridLifecycle;
import io.des.registry.EridRegistry;
import io.des.serve.IncompleteData;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The scheduled lifecycle function as AWS runs it, on the AWS parts' APIs: the registry on DynamoDB
 * (dynalite), partial data on S3 (s3proxy), webhooks over HTTP to a loopback receiver. One
 * invocation expires the idle ERID, removes its objects and aborts its open upload, and delivers,
 * signed, both the expiry webhook it enqueued and a completion webhook the job had enqueued; the
 * next invocation finds nothing to do.
 */
class LifecycleLambdaIT {

    private static final String BUCKET = "des-lifecycle-it";
    private static final String IDLE = "3a4b5c6d-7e8f-4a0b-8c1d-2e3f4a5b6c7d";
    private static final String DONE = "4b5c6d7e-8f9a-4b1c-9d2e-3f4a5b6c7d8e";
    private static final String TENANT = TenantIds.DEFAULT;
    private static final Duration EXPIRY = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onePassExpiresTheIdleEridRemovesItsDataAndDeliversTheWebhooksDue(@TempDir Path tmp) throws Exception {
        Clock clock = Clock.systemUTC();
        Instant longAgo = clock.instant().minus(EXPIRY.multipliedBy(2));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        WebhookSecret secret = WebhookSecret.generate();
        try (Dynalite dynalite = Dynalite.start(null, tmp.resolve("dynalite.log"));
             S3ProxyEmulator s3proxy = S3ProxyEmulator.start(BUCKET, tmp.resolve("s3proxy"));
             S3Client s3 = s3proxy.client();
             WebhookReceiver receiver = WebhookReceiver.start(0)) {
            DynamoDbEridRegistry.createTable(dynalite.client(), "des-registry");
            EridRegistry registry = new DynamoDbEridRegistry(dynalite.client(), "des-registry");
            URI root = URI.create("s3://" + BUCKET + "/des");

            registry.register(new EridContract(TENANT, IDLE, 10, List.of("job_title"), today, longAgo, receiver.url(), null));
            registry.recordActivity(TENANT, IDLE, longAgo);
            registry.recordCommitted(TENANT, IDLE, 4);
            String idlePrefix = StorageLayout.objectKey(root, StorageLayout.incompletePartitionPath(TENANT, today.toString(), IDLE));
            s3.putObject(b -> b.bucket(BUCKET).key(idlePrefix + "/part-committed.parquet"), RequestBody.fromString("rows"));
            s3.createMultipartUpload(b -> b.bucket(BUCKET).key(idlePrefix + "/part-open.parquet"));

            registry.register(new EridContract(TENANT, DONE, 2, List.of("job_title"), today, clock.instant(), receiver.url(), null));
            registry.recordCommitted(TENANT, DONE, 2);
            registry.markCompleted(TENANT, DONE, clock.instant(), Map.of());
            registry.outbox().enqueue(WebhookEvents.delivery(registry.get(TENANT, DONE).orElseThrow(), receiver.url(), clock.instant()));

            DesRoutes.Parts parts = new DesRoutes.Parts(null, null, registry, TenantEdge.open(clock, secret),
                    url -> java.util.Optional.empty(), () -> true, clock);
            LifecycleLambda function = new LifecycleLambda(LifecycleWork.forPasses(parts, IncompleteData.s3(s3, root), EXPIRY,
                    CallbackUrlPolicy.localMode(), Duration.ofHours(24)));

            JsonNode pass = JSON.readTree(function.handleRequest(Map.of("source", "aws.events"), withRemaining(Duration.ofSeconds(60))));
            assertEquals(1, pass.get("erids_expired").asInt(), pass.toString());
            assertEquals(2, pass.get("webhook_attempts").asInt(), pass.toString());

            Set<String> announced = new TreeSet<>();
            for (int i = 0; i < 2; i++) {
                WebhookReceiver.Delivery delivery = receiver.next(Duration.ofSeconds(5));
                assertNotNull(delivery, "both webhooks arrive during the pass; got " + announced);
                delivery.verify(secret);
                JsonNode event = JSON.readTree(delivery.body());
                announced.add(event.at("/data/erid").asText() + " " + event.get("type").asText());
            }
            assertEquals(Set.of(IDLE + " enrichment_request.expired", DONE + " enrichment_request.completed"), announced);
            assertEquals(EridLifecycle.EXPIRED, registry.get(TENANT, IDLE).orElseThrow().lifecycle());
            assertEquals(EridLifecycle.COMPLETED, registry.get(TENANT, DONE).orElseThrow().lifecycle());
            for (String erid : List.of(IDLE, DONE)) {
                assertEquals(List.of(DeliveryState.DELIVERED),
                        registry.outbox().forErid(TENANT, erid).stream().map(d -> d.state()).toList(), erid);
            }
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(idlePrefix + "/")).keyCount(), "partial data removed");
            assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(idlePrefix + "/")).uploads().isEmpty(),
                    "the open upload is aborted");

            JsonNode next = JSON.readTree(function.handleRequest(Map.of(), withRemaining(Duration.ofSeconds(60))));
            assertEquals(0, next.get("erids_expired").asInt(), next.toString());
            assertEquals(0, next.get("webhook_attempts").asInt(), next.toString());
            assertNull(receiver.next(Duration.ofMillis(500)), "nothing is sent twice");
            registry.close();
        }
    }

    private static Context withRemaining(Duration remaining) {
        long deadline = System.currentTimeMillis() + remaining.toMillis();
        return new Context() {
            @Override public int getRemainingTimeInMillis() { return (int) (deadline - System.currentTimeMillis()); }
            @Override public String getAwsRequestId() { return "lifecycle-it"; }
            @Override public String getLogGroupName() { return null; }
            @Override public String getLogStreamName() { return null; }
            @Override public String getFunctionName() { return "des-lifecycle"; }
            @Override public String getFunctionVersion() { return "$LATEST"; }
            @Override public String getInvokedFunctionArn() { return null; }
            @Override public CognitoIdentity getIdentity() { return null; }
            @Override public ClientContext getClientContext() { return null; }
            @Override public int getMemoryLimitInMB() { return 512; }
            @Override public LambdaLogger getLogger() { return null; }
        };
    }
}
