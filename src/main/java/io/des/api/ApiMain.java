package io.des.api;

import java.net.InetSocketAddress;

/**
 * The ingest and serving APIs as a service in AWS (ECS, EC2, behind a load balancer), configured
 * by {@link ApiConfig}'s environment variables: {@code java -cp des.jar io.des.api.ApiMain}. Behind
 * API Gateway, {@link ApiGatewayLambda} serves the same routes without a server.
 */
public final class ApiMain {

    private ApiMain() {}

    public static void main(String[] args) throws Exception {
        ApiConfig config = ApiConfig.from(System.getenv());
        AwsApi api = AwsApi.from(config);
        ApiMetrics metrics = new ApiMetrics();
        AutoCloseable background = api.startBackgroundWork(config, metrics);
        ApiServer server = ApiServer.start(new InetSocketAddress(config.port), ServerLimits.defaults(),
                api.serverRouter(config, metrics));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close(); // finishes accepted POSTs before the publisher goes
            try {
                background.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            api.close();
        }, "des-api-shutdown"));
    }
}
