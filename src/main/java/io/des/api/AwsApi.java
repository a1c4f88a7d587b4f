package io.des.api;

import io.des.api.tenant.EridCompletion;
import io.des.api.tenant.SecretsManagerTenantsSource;
import io.des.api.tenant.TenantEdge;
import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.KinesisRecordPublisher;
import io.des.serve.AthenaQueryEngine;
import io.des.serve.AthenaSettings;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The API's parts in AWS, built from {@link ApiConfig}: POSTs go to Kinesis, GETs to Athena (data)
 * and S3 (status), tenants and API keys from Secrets Manager, behind the one route table. Shared by the server ({@link ApiMain}) and the API
 * Gateway adapter ({@link ApiGatewayLambda}), so both answer alike.
 */
final class AwsApi implements AutoCloseable {

    private final KinesisRecordPublisher publisher;
    private final AthenaQueryEngine engine;
    private final TenantEdge tenants;
    private final ApiRouter router;

    private AwsApi(KinesisRecordPublisher publisher, AthenaQueryEngine engine, TenantEdge tenants, ApiRouter router) {
        this.publisher = publisher;
        this.engine = engine;
        this.tenants = tenants;
        this.router = router;
    }

    static AwsApi from(ApiConfig config) {
        Region region = Region.of(config.region);
        KinesisRecordPublisher publisher = KinesisRecordPublisher.create(config.kinesisStream, config.region, config.kinesisEndpoint);
        AthenaQueryEngine engine = new AthenaQueryEngine(
                AthenaClient.builder().region(region).build(),
                S3Client.builder().region(region).build(),
                AthenaSettings.of(config.athenaDatabase, config.athenaTable, config.athenaWorkgroup,
                        config.athenaOutput, config.storageRoot));
        Clock clock = Clock.systemUTC();
        TenantEdge tenants = TenantEdge.fromDocument(new SecretsManagerTenantsSource(
                SecretsManagerClient.builder().region(region).build(), config.tenantsSecret), clock, EridCompletion.of(engine));
        ApiRouter router = DesRoutes.of(
                        new IngestHandler(publisher, clock, IngestLimits.defaults(), tenants.admission()),
                        new ServingHandler(engine, clock),
                        new StatusHandler(() -> true),
                        tenants.usage())
                .build(tenants.resolver());
        return new AwsApi(publisher, engine, tenants, router);
    }

    ApiRouter router() {
        return router;
    }

    @Override
    public void close() {
        tenants.close();
        engine.close();
        publisher.close();
    }
}
