package io.des.pipeline.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.des.notify.WebhookHeaders;
import io.des.notify.WebhookSigner;
import io.des.pipeline.config.FailureWebhook;
import io.des.pipeline.config.PipelineFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Announces a failed run to the pipeline's {@code on_failure.webhook}: a {@code pipeline_run.failed}
 * event signed as DES signs its completion webhooks (Standard Webhooks: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature}), tried three times a few seconds apart.
 * Never throws: a notice that cannot be delivered is reported, and the run's own failure stands.
 */
public final class FailureNotifier {

    static final String EVENT_TYPE = "pipeline_run.failed";
    private static final int ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private final Duration pause;

    /** @param pause the wait after a failed attempt, doubled after the second */
    public FailureNotifier(Clock clock, Duration pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /** @return null when delivered (or nothing to deliver), else why not */
    public String notify(PipelineFile pipeline, PipelineRun run, String reason) {
        FailureWebhook webhook = pipeline.onFailure();
        if (webhook == null) {
            return null;
        }
        String id = "pipeline_" + UUID.randomUUID();
        byte[] body;
        try {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("pipeline", pipeline.name());
            data.put("tenant", pipeline.tenant());
            data.put("run", run == null ? null : run.runNumber());
            data.put("erid", run == null ? null : run.erid());
            data.put("phase", run == null ? null : run.phase().key());
            data.put("reason", reason);
            body = new ObjectMapper().writeValueAsBytes(Map.of("type", EVENT_TYPE, "timestamp", clock.instant().toString(), "data", data));
        } catch (java.io.IOException e) {
            return "cannot encode the notice: " + e.getMessage();
        }
        String last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            WebhookHeaders headers = WebhookSigner.sign(List.of(webhook.secret()), id, clock.instant().getEpochSecond(), body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.asMap().forEach(request::header);
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    return null;
                }
                last = "answered " + status;
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
            try {
                Thread.sleep(pause.toMillis() * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
        return webhook.url() + " " + last;
    }
}
