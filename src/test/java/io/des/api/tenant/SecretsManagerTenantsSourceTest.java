package io.des.api.tenant;

import static io.des.api.tenant.TenantFixtures.document;
import static io.des.api.tenant.TenantFixtures.tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The production SDK client against a loopback endpoint speaking Secrets Manager's JSON protocol:
 * proves the call DES makes (operation, secret id) and that the secret's string is the document.
 */
class SecretsManagerTenantsSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer endpoint;
    private final AtomicReference<String> secretString = new AtomicReference<>();
    private final AtomicReference<String> askedFor = new AtomicReference<>();
    private SecretsManagerClient client;

    @BeforeEach
    void startEndpoint() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            byte[] answer;
            int status;
            if ("secretsmanager.GetSecretValue".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                askedFor.set(request.path("SecretId").asText());
                answer = JSON.writeValueAsBytes(java.util.Map.of("Name", request.path("SecretId").asText(),
                        "SecretString", secretString.get(), "VersionId", "v1"));
                status = 200;
            } else {
                answer = "{\"__type\":\"InvalidRequestException\"}".getBytes(StandardCharsets.UTF_8);
                status = 400;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
        client = SecretsManagerClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.stop(0);
    }

    @Test
    void theSecretsStringIsTheTenantsDocumentAndRotationsArePickedUp() throws Exception {
        secretString.set(new String(document(tenant("acme", null, "a")), StandardCharsets.UTF_8));
        SecretsManagerTenantsSource source = new SecretsManagerTenantsSource(client, "prod/des/tenants");
        try (ReloadingTenants tenants = ReloadingTenants.start(source)) {
            assertEquals("prod/des/tenants", askedFor.get());
            assertEquals("acme", tenants.get().byKeyDigest(ApiKeys.digest("a")).orElseThrow().id());
            secretString.set(new String(document(tenant("acme", null, "a", "a2")), StandardCharsets.UTF_8));
            assertTrue(tenants.refresh());
            assertEquals("acme", tenants.get().byKeyDigest(ApiKeys.digest("a2")).orElseThrow().id());
        }
        assertEquals("secret prod/des/tenants", source.describe());
    }
}
