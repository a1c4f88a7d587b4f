package io.des.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * One dashboard and the alarms of {@code docs/operations.md} ("Alarms"), each notifying one SNS
 * topic (subscribe to it after deploying). Thresholds are constants here, so that the guide and the
 * template cannot disagree: change both together.
 */
final class Monitoring extends Construct {

    static final String API_NAMESPACE = "DES/Api";
    static final double MAX_MILLIS_BEHIND_LATEST = 600_000;
    static final double MAX_PROVIDER_ERROR_PERCENT = 5;
    static final double MAX_API_5XX_PERCENT = 1;

    final Topic topic;
    final Dashboard dashboard;
    private final SnsAction action;

    Monitoring(Construct scope, String id, DesParameters parameters, ApiFunction api, LifecycleFunction lifecycle) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Alarms").displayName("DES alarms").build();
        action = new SnsAction(topic);
        JobMetrics job = new JobMetrics(parameters.applicationName.getValueAsString());

        alarm("JobDowntime", "The job is not running (downtime above 0 ms)", job.maximum("downtime"), 0, 1);
        alarm("JobRestarts", "The job restarted (numRestarts or fullRestarts grew)", job.restarts(), 0, 1);
        alarm("CheckpointFailures", "Checkpoints failed (numberOfFailedCheckpoints grew)",
                job.increase("numberOfFailedCheckpoints", "failed checkpoints"), 0, 1);
        alarm("SourceLag", "The job reads the stream more than 10 minutes behind (millisBehindLatest)",
                job.maximum("millisBehindLatest"), MAX_MILLIS_BEHIND_LATEST, 2);
        alarm("DeadLetters", "Records went to the dead letters (recordsDeadLettered grew)",
                job.increase("recordsDeadLettered", "dead letters"), 0, 1);
        alarm("ProviderErrors", "More than 5 % of provider calls failed", job.providerErrorPercent(),
                MAX_PROVIDER_ERROR_PERCENT, 2);
        IMetric api5xx = api5xxPercent(api);
        alarm("Api5xx", "More than 1 % of API answers were 5xx", api5xx, MAX_API_5XX_PERCENT, 2);
        Metric webhookFailures = webhookFailures(lifecycle);
        alarm("WebhookFailures", "A webhook delivery gave up (webhookFailures)", webhookFailures, 0, 1);
        Metric lifecycleErrors = lifecycle.function.metricErrors(MetricOptions.builder()
                .statistic("Sum").period(JobMetrics.PERIOD).build());
        alarm("LifecycleErrors", "Lifecycle passes failed three periods in a row: ERIDs do not expire and webhooks wait",
                lifecycleErrors, 0, 3);

        dashboard = Dashboard.Builder.create(this, "Dashboard").build();
        dashboard.addWidgets(
                graph("Job up", job.maximum("downtime"), job.restarts()),
                graph("Checkpoints", job.maximum("lastCheckpointDuration"),
                        job.increase("numberOfFailedCheckpoints", "failed checkpoints")),
                graph("Source lag (ms)", job.maximum("millisBehindLatest")));
        dashboard.addWidgets(
                graph("Records", job.increase("recordsDeadLettered", "dead letters"),
                        job.increase("providerCalls", "provider calls"), job.increase("providerErrors", "provider errors")),
                graph("Publishing", job.increase("partitionsPublished", "partitions published"),
                        job.maximum("publishLatencyMillis")),
                graph("API", api5xx, apiGateway(api, "Count", "Sum")),
                graph("Lifecycle", webhookFailures, lifecycleErrors));
    }

    private void alarm(String id, String description, IMetric metric, double threshold, int periods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description + ". What to do: docs/operations.md, Alarms, " + id + ".")
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
    }

    private static IMetric api5xxPercent(ApiFunction api) {
        return MathExpression.Builder.create()
                .expression("IF(apirequests > 0, 100 * api5xx / apirequests, 0)")
                .usingMetrics(Map.of("api5xx", apiGateway(api, "5xx", "Sum"), "apirequests", apiGateway(api, "Count", "Sum")))
                .label("API 5xx, % of requests").period(JobMetrics.PERIOD).build();
    }

    private static Metric apiGateway(ApiFunction api, String name, String statistic) {
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(name)
                .dimensionsMap(Map.of("ApiId", api.httpApi.getApiId()))
                .statistic(statistic).period(JobMetrics.PERIOD).build();
    }

    /**
     * {@code webhookFailures}: a metric filter counting the dispatcher's "gave up" log lines
     * ({@code WebhookDispatcher}) in the lifecycle function's log group, one per delivery that gave up.
     */
    private Metric webhookFailures(LifecycleFunction lifecycle) {
        MetricFilter filter = MetricFilter.Builder.create(this, "WebhookFailuresFilter")
                .logGroup(lifecycle.logGroup)
                .filterPattern(FilterPattern.allTerms("Webhook", "gave up"))
                .metricNamespace(API_NAMESPACE)
                .metricName("webhookFailures")
                .metricValue("1")
                .build();
        return filter.metric(MetricOptions.builder()
                .statistic("Sum").period(JobMetrics.PERIOD).build());
    }

    private static GraphWidget graph(String title, IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).height(6)
                .period(Duration.minutes(5)).build();
    }
}
