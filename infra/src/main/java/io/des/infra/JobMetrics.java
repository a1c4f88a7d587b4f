package io.des.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The metrics of the Managed Flink application: the service's own ({@code downtime},
 * {@code numRestarts}, {@code numberOfFailedCheckpoints}, {@code millisBehindLatest}) and the job's,
 * registered under the {@code kinesisanalytics} metric group, which the service ships to the
 * {@code AWS/KinesisAnalytics} namespace with the {@code Application} dimension (metrics level
 * APPLICATION). The job's are Flink counters, reported as their running total since the job
 * started: alarms look at their increase per period ({@code DIFF}), never at the total.
 */
final class JobMetrics {

    static final String NAMESPACE = "AWS/KinesisAnalytics";
    static final Duration PERIOD = Duration.minutes(5);

    private final String applicationName;

    JobMetrics(String applicationName) {
        this.applicationName = applicationName;
    }

    Metric maximum(String name) {
        return metric(name, "Maximum");
    }

    Metric metric(String name, String statistic) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name)
                .dimensionsMap(Map.of("Application", applicationName))
                .statistic(statistic).period(PERIOD).build();
    }

    /** How much a counter (or a running total such as {@code fullRestarts}) grew in a period. */
    IMetric increase(String name, String label) {
        // Ids are unique per metric, since a graph may hold several of these expressions.
        String id = "total" + name;
        return MathExpression.Builder.create().expression("DIFF(" + id + ")")
                .usingMetrics(Map.of(id, maximum(name))).label(label).period(PERIOD).build();
    }

    /**
     * Restarts per period: Flink 1.20 reports {@code numRestarts}; older runtimes on the service report
     * {@code fullRestarts}. Either one that is present counts.
     */
    IMetric restarts() {
        return MathExpression.Builder.create()
                .expression("MAX([FILL(DIFF(numrestarts), 0), FILL(DIFF(fullrestarts), 0)])")
                .usingMetrics(Map.of("numrestarts", maximum("numRestarts"), "fullrestarts", maximum("fullRestarts")))
                .label("restarts").period(PERIOD).build();
    }

    /** Provider errors as a percentage of provider calls in a period; 0 when there were no calls. */
    IMetric providerErrorPercent() {
        return MathExpression.Builder.create()
                .expression("IF(DIFF(providercalls) > 0, 100 * DIFF(providererrors) / DIFF(providercalls), 0)")
                .usingMetrics(Map.of("providercalls", maximum("providerCalls"), "providererrors", maximum("providerErrors")))
                .label("provider errors, % of calls").period(PERIOD).build();
    }
}
