package io.des.api;

import io.des.api.tenant.EridCompletion;
import io.des.api.tenant.SecretsManagerTenantsSource;
import io.des.api.tenant.TenantEdge;
import io.des.ingest.KinesisRecordPublisher;
import io.des.notify.CallbackUrlPolicy;
import io.des.registry.DynamoDbEridRegistry;
import io.des.registry.EridRegistry;
import io.des.serve.AthenaQueryEngine;
import io.des.serve.AthenaSettings;
import io.des.serve.IncompleteData;
import io.des.serve.ParquetQueryEngine;
import io.des.serve.QueryEngine;
import io.des.serve.S3StorageReader;
import java.net.URI;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API's parts in AWS, built from {@link ApiConfig}: POSTs go to Kinesis, status and history to
 * the DynamoDB registry, a completed ERID's rows to its Parquet files on S3 (or Athena, per {@code
 * DES_QUERY_ENGINE}), tenants and API keys from Secrets Manager, behind the one route table. Shared
 * by the server ({@link ApiMain}) and the API Gateway adapter ({@link ApiGatewayLambda}), so both
 * answer alike.
 */
final class AwsApi implements AutoCloseable {

    private final KinesisRecordPublisher publisher;
    private final S3Client s3;
    private final QueryEngine engine;
    private final TenantEdge tenants;
    private final ApiRouter router;

    /**
     * Webhooks in AWS go to public https URLs only, unless {@code DES_CALLBACK_ALLOW_PRIVATE} lets
     * them reach private addresses (receivers inside the VPC); loopback and link-local never.
     */
    static CallbackUrlPolicy callbackUrls(ApiConfig config) {
        return config.callbackAllowPrivate ? CallbackUrlPolicy.strict().allowingPrivate() : CallbackUrlPolicy.strict();
    }

    private final DesRoutes.Parts parts;

    private AwsApi(KinesisRecordPublisher publisher, S3Client s3, QueryEngine engine, TenantEdge tenants, DesRoutes.Parts parts,
            ApiRouter router) {
        this.publisher = publisher;
        this.s3 = s3;
        this.engine = engine;
        this.tenants = tenants;
        this.parts = parts;
        this.router = router;
    }

    static AwsApi from(ApiConfig config) {
        Region region = Region.of(config.region);
        KinesisRecordPublisher publisher = KinesisRecordPublisher.create(config.kinesisStream, config.region, config.kinesisEndpoint);
        S3Client s3 = S3Client.builder().region(region).build();
        QueryEngine engine = engine(config, region, s3);
        Clock clock = Clock.systemUTC();
        EridRegistry registry = new DynamoDbEridRegistry(DynamoDbClient.builder().region(region).build(), config.registryTable);
        TenantEdge tenants = TenantEdge.fromDocument(new SecretsManagerTenantsSource(
                SecretsManagerClient.builder().region(region).build(), config.tenantsSecret), clock, EridCompletion.of(registry));
        DesRoutes.Parts parts = new DesRoutes.Parts(publisher, engine, registry, tenants, callbackUrls(config)::refusal,
                () -> true, clock);
        return new AwsApi(publisher, s3, engine, tenants, parts, DesRoutes.router(parts));
    }

    private static QueryEngine engine(ApiConfig config, Region region, S3Client s3) {
        return switch (config.queryEngine) {
            case PARQUET -> new ParquetQueryEngine(new S3StorageReader(s3, URI.create(config.storageRoot)),
                    config.parquetCacheChunks);
            case ATHENA -> new AthenaQueryEngine(AthenaClient.builder().region(region).build(),
                    S3Client.builder().region(region).build(),
                    AthenaSettings.of(config.athenaDatabase, config.athenaTable, config.athenaWorkgroup,
                            config.athenaOutput, config.storageRoot));
        };
    }

    /** The routes for the Lambda adapter. */
    ApiRouter router() {
        return router;
    }

    /** The routes for {@link ApiMain}: observed by {@code metrics}, with {@code GET /metrics} when a token is set. */
    ApiRouter serverRouter(ApiConfig config, ApiMetrics metrics) {
        return config.metricsToken.isPresent() ? DesRoutes.observedRouter(parts, metrics, config.metricsToken) : router;
    }

    /** The {@link LifecycleWork} of {@link ApiMain}, on S3, in the background. */
    AutoCloseable startBackgroundWork(ApiConfig config, ApiMetrics metrics) {
        return LifecycleWork.start(parts, IncompleteData.s3(s3, URI.create(config.storageRoot)), config.eridExpiry.window(),
                callbackUrls(config), config.webhookDeadline, metrics);
    }

    /** The {@link LifecycleWork} of {@link LifecycleLambda}, on S3, pass by pass. */
    LifecycleWork lifecyclePasses(ApiConfig config) {
        return LifecycleWork.forPasses(parts, IncompleteData.s3(s3, URI.create(config.storageRoot)), config.eridExpiry.window(),
                callbackUrls(config), config.webhookDeadline);
    }

    @Override
    public void close() {
        tenants.close();
        engine.close();
        s3.close();
        publisher.close();
        parts.registry().close();
    }
}
