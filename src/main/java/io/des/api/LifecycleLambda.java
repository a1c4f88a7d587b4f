package io.des.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ERID lifecycle in AWS: an EventBridge schedule invokes this function once a minute, and each
 * invocation runs one {@link LifecycleWork#runPass pass} (expire idle ERIDs and remove their partial
 * data, then deliver the webhooks due). The API's Lambda adapter cannot do this work, since its
 * instances freeze between requests. Handler string: {@code io.des.api.LifecycleLambda::handleRequest},
 * from the API jar, with {@link ApiConfig}'s environment variables (the same as the API's).
 *
 * <p>Run with a reserved concurrency of 1, so that passes never overlap; if one did, the registry's
 * conditional writes still let one pass win each transition, and a webhook sent twice carries the
 * same {@code webhook-id}. Work a pass leaves (its time ran out) is due again at the next one.
 */
public final class LifecycleLambda implements RequestHandler<Map<String, Object>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleLambda.class);
    /** Kept back from the invocation's time for recording the last attempts and answering. */
    static final Duration MARGIN = Duration.ofSeconds(15);
    /** A pass given less than this (a timeout set too short) still sweeps and tries the webhooks due. */
    static final Duration MIN_BUDGET = Duration.ofSeconds(5);

    private final LifecycleWork work;

    /** For AWS Lambda: built once per execution environment from the environment variables. */
    public LifecycleLambda() {
        this(AwsWork.INSTANCE);
    }

    LifecycleLambda(LifecycleWork work) {
        this.work = work;
    }

    /** @param event the scheduled event; its content is not used */
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Duration budget = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        try {
            LifecycleWork.Pass pass = work.runPass(budget.compareTo(MIN_BUDGET) < 0 ? MIN_BUDGET : budget);
            LOG.info("Lifecycle pass: {} ERID(s) expired, {} webhook attempt(s)", pass.eridsExpired(), pass.webhookAttempts());
            return "{\"erids_expired\":" + pass.eridsExpired() + ",\"webhook_attempts\":" + pass.webhookAttempts() + "}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the lifecycle pass was interrupted; the next one picks up its work", e);
        }
    }

    /** The AWS parts, created on first use and kept for the life of the execution environment. */
    private static final class AwsWork {
        static final LifecycleWork INSTANCE;

        static {
            ApiConfig config = ApiConfig.from(System.getenv());
            INSTANCE = AwsApi.from(config).lifecyclePasses(config);
        }
    }
}
