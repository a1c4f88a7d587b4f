/**
 * Completion webhooks, per Standard Webhooks 1.0: the event a finished or expired ERID produces
 * ({@link io.des.notify.WebhookEvents}), its signature ({@link io.des.notify.WebhookSigner}, and
 * {@link io.des.notify.WebhookVerifier} for receivers written in Java), the rules a callback URL
 * must meet ({@link io.des.notify.CallbackUrlPolicy}), and at-least-once delivery from the
 * registry's outbox with backoff until a deadline ({@link io.des.notify.WebhookDispatcher},
 * {@link io.des.notify.RetrySchedule}). Uses {@code model} and {@code registry} only; tenants'
 * secrets come in through {@link io.des.notify.TenantWebhookSecrets}. See {@code docs/webhooks.md}.
 */
package io.des.notify;
