package io.des.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code scripts/aws/*.sh}: with {@code --dry-run} each prints exactly the calls it would make and
 * makes none; settings are checked before they become words of a command; an upgrade that does not
 * reach RUNNING fails with the reason. The {@code aws} and {@code mvn} they see are fakes.
 */
class AwsScriptsTest {

    private static final String RESTORE = "'{\"ApplicationRestoreConfiguration\":{\"ApplicationRestoreType\":\"RESTORE_FROM_LATEST_SNAPSHOT\"}}'";
    private static final String DESCRIBE = "aws kinesisanalyticsv2 describe-application --application-name des-enrichment --query ";

    @TempDir
    Path dir;
    private AwsScripts scripts;

    @BeforeEach
    void setUp() {
        scripts = new AwsScripts(dir);
    }

    @Test
    void upgradeDryRunPrintsUploadDescribeUpdateFromLatestSnapshotAndTheStatusPoll() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of(), "upgrade.sh", "--dry-run",
                "--jar", "target/des.jar", "--jar-key", "des/des-1.2.3.jar");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(
                "aws s3 cp target/des.jar s3://my-des-artifacts/des/des-1.2.3.jar",
                DESCRIBE + "ApplicationDetail.ApplicationVersionId --output text",
                "aws kinesisanalyticsv2 update-application --application-name des-enrichment"
                        + " --current-application-version-id '<current-version-id>' --application-configuration-update"
                        + " '{\"ApplicationCodeConfigurationUpdate\":{\"CodeContentUpdate\":{\"S3ContentLocationUpdate\":"
                        + "{\"BucketARNUpdate\":\"arn:aws:s3:::my-des-artifacts\",\"FileKeyUpdate\":\"des/des-1.2.3.jar\"}}}}'"
                        + " --run-configuration-update " + RESTORE,
                DESCRIBE + "ApplicationDetail.ApplicationStatus --output text"), run.stdout());
        assertEquals(List.of(), run.calls(), "a dry run calls nothing");
    }

    @Test
    void upgradeDefaultsPutTheJarUnderAKeyNamingTheCommit() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of(), "upgrade.sh", "--dry-run");
        assertEquals(0, run.exitCode(), run.stderr());
        String commit = headCommit();
        assertTrue(run.stdout().get(0).matches("aws s3 cp \\S+/target/des-\\S+\\.jar s3://my-des-artifacts/des/des-[^/ ]+"
                + (commit.isEmpty() ? "" : "-" + commit) + "\\.jar"), run.stdout().get(0));
        assertEquals(4, run.stdout().size(), String.join("\n", run.stdout()));
    }

    /** The checkout's commit, abbreviated as the scripts do; empty outside a git checkout. */
    private static String headCommit() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(false).start();
        String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        return git.waitFor() == 0 ? out : "";
    }

    @Test
    void settingsComeFromTheEnvironmentAndFlagsWin() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of("DES_APP_NAME", "from-env", "DES_REGION", "eu-west-1"), List.of(),
                "rollback.sh", "--dry-run");
        assertEquals(List.of(
                "aws kinesisanalyticsv2 describe-application --application-name from-env --query"
                        + " ApplicationDetail.ApplicationVersionId --output text --region eu-west-1",
                "aws kinesisanalyticsv2 rollback-application --application-name from-env"
                        + " --current-application-version-id '<current-version-id>' --region eu-west-1",
                "aws kinesisanalyticsv2 describe-application --application-name from-env --query"
                        + " ApplicationDetail.ApplicationStatus --output text --region eu-west-1"), run.stdout());
        AwsScripts.Run flagged = scripts.run(Map.of("DES_APP_NAME", "from-env"), List.of(), "rollback.sh", "--dry-run",
                "--app-name", "from-flag");
        assertTrue(flagged.stdout().get(1).contains("--application-name from-flag "), flagged.stdout().get(1));
    }

    @Test
    void scaleDryRunUpdatesTheParallelismFromTheLatestSnapshot() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of(), "scale.sh", "8", "--dry-run");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(List.of(
                DESCRIBE + "ApplicationDetail.ApplicationVersionId --output text",
                "aws kinesisanalyticsv2 update-application --application-name des-enrichment"
                        + " --current-application-version-id '<current-version-id>' --application-configuration-update"
                        + " '{\"FlinkApplicationConfigurationUpdate\":{\"ParallelismConfigurationUpdate\":"
                        + "{\"ConfigurationTypeUpdate\":\"CUSTOM\",\"ParallelismUpdate\":8}}}'"
                        + " --run-configuration-update " + RESTORE,
                DESCRIBE + "ApplicationDetail.ApplicationStatus --output text"), run.stdout());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void deployDryRunBuildsSynthesisesUploadsDeploysAndStarts() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of("DES_JAR_KEY", "des/job.jar", "DES_API_JAR_KEY", "des/api.jar"), List.of(),
                "deploy.sh", "--dry-run", "--parallelism", "2", "--parameter", "ProviderEndpoint=https://p.example/v1?a=1&b=2");
        assertEquals(0, run.exitCode(), run.stderr());
        List<String> out = run.stdout();
        assertEquals(8, out.size(), String.join("\n", out));
        assertTrue(out.get(0).matches("mvn -B -q -f \\S+/pom.xml package -DskipTests"), out.get(0));
        assertTrue(out.get(1).matches("mvn -B -q -f \\S+/infra/pom.xml compile exec:java"), out.get(1));
        assertTrue(out.get(2).endsWith(".jar s3://my-des-artifacts/des/job.jar"), out.get(2));
        assertTrue(out.get(3).endsWith("-api.jar s3://my-des-artifacts/des/api.jar"), out.get(3));
        assertTrue(out.get(4).matches("aws cloudformation deploy --stack-name des --template-file \\S+/infra/cdk.out/"
                + "DesStack.template.json --s3-bucket my-des-artifacts --s3-prefix des/cloudformation --capabilities"
                + " CAPABILITY_IAM --no-fail-on-empty-changeset --parameter-overrides ApplicationName=des-enrichment"
                + " StreamName=des-records BucketName=my-des-bucket ArtifactBucket=my-des-artifacts"
                + " JobJarKey=des/job.jar ApiJarKey=des/api.jar Parallelism=2"
                + " 'ProviderEndpoint=https://p.example/v1\\?a=1&b=2'"), out.get(4));
        assertEquals(DESCRIBE + "ApplicationDetail.ApplicationStatus --output text", out.get(5));
        assertEquals("aws kinesisanalyticsv2 start-application --application-name des-enrichment --run-configuration "
                + RESTORE, out.get(6));
        assertEquals(List.of(), run.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "129", "8; touch pwned", "$(touch pwned)", ""})
    void scaleRefusesAnythingButAPositiveWholeNumberUpTo128(String n) throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of("RUNNING"), "scale.sh", n);
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("scale.sh:"), run.stderr());
        assertEquals(List.of(), run.calls(), "nothing is called before the input is valid");
        assertEquals(List.of(), run.stdout());
    }

    @Test
    void namesThatAwsWouldRefuseAreRefusedBeforeAnyCall() throws Exception {
        assertRefused(scripts.run(Map.of(), List.of(), "rollback.sh", "--app-name", "des enrichment; rm -rf ~"),
                "application name");
        assertRefused(scripts.run(Map.of("DES_ARTIFACT_BUCKET", "Bad_Bucket"), List.of(), "upgrade.sh", "--dry-run"),
                "bucket");
        assertRefused(scripts.run(Map.of(), List.of(), "upgrade.sh", "--dry-run", "--jar-key", "../x.jar'"), "key");
        assertRefused(scripts.run(Map.of(), List.of(), "deploy.sh", "--dry-run", "--region", "eu west"), "region");
        assertRefused(scripts.run(Map.of(), List.of(), "deploy.sh", "--dry-run", "--stack-name", "1des"), "stack name");
        assertRefused(scripts.run(Map.of(), List.of(), "deploy.sh", "--dry-run", "--parameter", "--capabilities=X"), "parameter");
    }

    private static void assertRefused(AwsScripts.Run run, String what) {
        assertEquals(1, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(what), run.stderr());
        assertEquals(List.of(), run.stdout());
        assertEquals(List.of(), run.calls());
    }

    @Test
    void upgradeWaitsForRunningAndUsesTheCurrentVersion() throws Exception {
        Path jar = java.nio.file.Files.createFile(dir.resolve("des.jar"));
        AwsScripts.Run run = scripts.run(Map.of("DES_POLL_SECONDS", "1"), List.of("UPDATING", "RUNNING"), "upgrade.sh",
                "--jar", jar.toString(), "--jar-key", "des/des-2.jar");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(6, run.calls().size(), String.join("\n", run.calls()));
        assertEquals("aws s3 cp " + jar + " s3://my-des-artifacts/des/des-2.jar", run.calls().get(0));
        assertTrue(run.calls().get(2).startsWith("aws kinesisanalyticsv2 update-application --application-name des-enrichment"
                + " --current-application-version-id 7 "), run.calls().get(2));
        assertTrue(String.join("\n", run.stdout()).contains("des-enrichment is RUNNING"), run.stdout().toString());
    }

    @Test
    void upgradeFailsLoudlyWhenTheApplicationFails() throws Exception {
        Path jar = java.nio.file.Files.createFile(dir.resolve("des.jar"));
        AwsScripts.Run run = scripts.run(Map.of("DES_POLL_SECONDS", "1"), List.of("UPDATING", "FAILED"), "upgrade.sh",
                "--jar", jar.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("des-enrichment is FAILED, not RUNNING"), run.stderr());
    }

    @Test
    void upgradeFailsLoudlyWhenRunningIsNotReachedInTime() throws Exception {
        Path jar = java.nio.file.Files.createFile(dir.resolve("des.jar"));
        AwsScripts.Run run = scripts.run(Map.of("DES_POLL_SECONDS", "1", "DES_WAIT_TIMEOUT", "2"), List.of("UPDATING"),
                "upgrade.sh", "--jar", jar.toString());
        assertNotEquals(0, run.exitCode());
        assertTrue(run.stderr().contains("still UPDATING after 2s"), run.stderr());
    }

    @Test
    void upgradeWithoutTheJarFailsBeforeAnyCall() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of("RUNNING"), "upgrade.sh", "--jar", dir.resolve("none.jar").toString());
        assertRefused(run, "does not exist");
    }

    @Test
    void helpShowsEveryDefault() throws Exception {
        AwsScripts.Run run = scripts.run(Map.of(), List.of(), "deploy.sh", "--help");
        assertEquals(0, run.exitCode());
        String help = String.join("\n", run.stdout());
        for (String shown : List.of("[$DES_STACK_NAME, des]", "[$DES_BUCKET, my-des-bucket]", "[$DES_STREAM, des-records]",
                "[$DES_ARTIFACT_BUCKET, my-des-artifacts]", "[$DES_APP_NAME, des-enrichment]", "[$DES_WAIT_TIMEOUT, 900]",
                "--dry-run")) {
            assertTrue(help.contains(shown), shown + " missing from\n" + help);
        }
    }
}
