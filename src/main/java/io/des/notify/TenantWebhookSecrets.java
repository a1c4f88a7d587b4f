package io.des.notify;

import java.util.List;

/**
 * A tenant's current webhook secrets, newest first (two during a rotation, none when the tenant
 * has none). Tenants live in the API's package; this is all the dispatcher needs of them, looked
 * up before every attempt so a rotation applies to the next one.
 */
@FunctionalInterface
public interface TenantWebhookSecrets {

    List<WebhookSecret> secretsOf(String tenant);
}
