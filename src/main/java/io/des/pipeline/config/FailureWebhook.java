package io.des.pipeline.config;

import io.des.notify.WebhookSecret;

/**
 * Where a failed run is announced: a POST signed as DES signs its completion webhooks.
 *
 * @param secret the signing secret ({@code whsec_…}), from the environment
 */
public record FailureWebhook(String url, WebhookSecret secret) {

    @Override
    public String toString() {
        return "FailureWebhook{url=" + url + ", secret=***}";
    }
}
