package io.des.local;

import io.des.notify.WebhookSecret;

/**
 * The webhook secret of local mode's built-in tenant: {@code DES_WEBHOOK_SECRET} ({@code whsec_…}),
 * from the environment rather than a file, like every secret of DES. Without it the tenant's
 * webhooks are recorded as not sent (no secret to sign them with).
 */
final class LocalWebhookSecret {

    static final String VARIABLE = "DES_WEBHOOK_SECRET";

    private LocalWebhookSecret() {}

    static WebhookSecret fromEnvironment() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return WebhookSecret.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(VARIABLE + ": " + e.getMessage());
        }
    }
}
