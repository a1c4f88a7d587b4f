package io.des.local;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Properties;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Flink's Prometheus reporter ({@code flink-metrics-prometheus}), serving on the loopback address
 * only: the stock {@code PrometheusReporter} binds every interface, and local mode keeps what it
 * does not mean to share on this machine (as it does the web UI). Metric names and labels are the
 * stock reporter's, since the collection is its {@link AbstractPrometheusReporter}.
 *
 * <p>The base class keeps its registry package-private; it is read once by reflection, pinned to
 * Flink 1.20 by the build, and a mismatch fails local mode's start with this class named.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {

    private final HTTPServer server;

    private LoopbackPrometheusReporter(int port) {
        try {
            server = new HTTPServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), registryOf(this), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve job metrics on 127.0.0.1:" + port, e);
        }
    }

    private static CollectorRegistry registryOf(AbstractPrometheusReporter reporter) {
        try {
            Field field = AbstractPrometheusReporter.class.getDeclaredField("registry");
            field.setAccessible(true);
            return (CollectorRegistry) field.get(reporter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("flink-metrics-prometheus changed: no registry field for "
                    + LoopbackPrometheusReporter.class.getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    /** {@code metrics.reporter.<name>.factory.class}; its one setting is {@code port}. */
    public static final class Factory implements MetricReporterFactory {

        /** The reporter's setting: {@code metrics.reporter.<name>.port}. */
        public static final String PORT = "port";

        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new LoopbackPrometheusReporter(Integer.parseInt(properties.getProperty(PORT)));
        }
    }
}
