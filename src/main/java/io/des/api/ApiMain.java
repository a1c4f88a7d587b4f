package io.des.api;

import io.des.ingest.IngestHandler;
import io.des.ingest.IngestLimits;
import io.des.ingest.KinesisRecordPublisher;
import io.des.serve.AthenaQueryEngine;
import io.des.serve.AthenaSettings;
import io.des.serve.ServingHandler;
import io.des.serve.StatusHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest and serving APIs as a service in AWS: POSTs go to Kinesis, GETs to Athena (data) and
 * S3 (status), configured by {@link ApiConfig}'s environment variables. Run it with
 * {@code java -cp des.jar io.des.api.ApiMain} on ECS, EC2 or behind API Gateway.
 */
public final class ApiMain {

    private ApiMain() {}

    public static void main(String[] args) throws Exception {
        ApiConfig config = ApiConfig.from(System.getenv());
        Region region = Region.of(config.region);
        KinesisRecordPublisher publisher = KinesisRecordPublisher.create(config.kinesisStream, config.region, config.kinesisEndpoint);
        AthenaQueryEngine engine = new AthenaQueryEngine(
                AthenaClient.builder().region(region).build(),
                S3Client.builder().region(region).build(),
                AthenaSettings.of(config.athenaDatabase, config.athenaTable, config.athenaWorkgroup,
                        config.athenaOutput, config.storageRoot));
        Clock clock = Clock.systemUTC();
        ApiServer server = ApiServer.start(new InetSocketAddress(config.port),
                new IngestHandler(publisher, clock, IngestLimits.defaults()),
                new ServingHandler(engine, clock),
                new StatusHandler(() -> true));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            try {
                engine.close();
                publisher.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "des-api-shutdown"));
    }
}
