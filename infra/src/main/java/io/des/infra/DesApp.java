package io.des.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.StackProps;

/**
 * Synthesises {@link DesStack} to {@code infra/cdk.out/DesStack.template.json}: run by {@code cdk synth}
 * ({@code cdk.json}) or without the CDK CLI by {@code mvn -f infra/pom.xml -q compile exec:java}.
 * The template is environment-agnostic: account and region come from where it is deployed.
 */
public final class DesApp {

    private DesApp() {}

    public static void main(String[] args) {
        // The cdk CLI says where to write (CDK_OUTDIR); run by Maven, infra/cdk.out/ (infra/pom.xml).
        String outdir = System.getenv().getOrDefault("CDK_OUTDIR", System.getProperty("des.infra.outdir", "cdk.out"));
        App app = new App(AppProps.builder().outdir(outdir).build());
        new DesStack(app, "DesStack", StackProps.builder()
                .description("DES: Kinesis, S3, Glue, Managed Flink, API Gateway + Lambda, DynamoDB, alarms")
                // No assets (the jars are parameters), so no bootstrap stack: the template deploys
                // with a plain `aws cloudformation deploy` (scripts/aws/deploy.sh).
                .synthesizer(new BootstraplessSynthesizer())
                .build());
        app.synth();
    }
}
