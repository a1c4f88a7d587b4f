package io.des.api.tenant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The tenants document of the API service in AWS: the string value of one secret
 * ({@code DES_TENANTS_SECRET}). The service's role needs {@code secretsmanager:GetSecretValue} on
 * that secret (and {@code kms:Decrypt} on its key when it is a customer-managed one); see
 * {@code docs/tenancy.md}. Polled every {@link #POLL_INTERVAL}: a new key is usable within a minute
 * of {@code PutSecretValue}.
 */
public final class SecretsManagerTenantsSource implements TenantsSource {

    public static final Duration POLL_INTERVAL = Duration.ofSeconds(60);

    private final SecretsManagerClient client;
    private final String secretId;

    public SecretsManagerTenantsSource(SecretsManagerClient client, String secretId) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretId = Objects.requireNonNull(secretId, "secretId");
    }

    @Override
    public byte[] read() {
        GetSecretValueResponse secret = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build());
        if (secret.secretString() != null) {
            return secret.secretString().getBytes(StandardCharsets.UTF_8);
        }
        if (secret.secretBinary() != null) {
            return secret.secretBinary().asByteArray();
        }
        throw new IllegalStateException("secret " + secretId + " has no value");
    }

    @Override
    public Duration pollInterval() {
        return POLL_INTERVAL;
    }

    @Override
    public String describe() {
        return "secret " + secretId;
    }
}
