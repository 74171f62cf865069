package dev.mcpgw.cli;

import dev.mcpgw.kafka.KafkaReachability;
import dev.mcpgw.launcher.ServiceEndpoint;
import dev.mcpgw.launcher.ServiceHealth;
import dev.mcpgw.launcher.StartedParts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * What every service run alone shares: its Kafka cluster watched for readiness, its metrics, and
 * on SIGTERM (or Ctrl+C) a graceful stop that closes what it started in reverse order.
 */
final class Standalone {
    private static final Duration KAFKA_CHECK_EVERY = Duration.ofSeconds(2);

    private final KafkaReachability kafka;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StartedParts started = new StartedParts();

    private Standalone(String bootstrapServers) {
        this.kafka = KafkaReachability.watching(bootstrapServers, KAFKA_CHECK_EVERY);
        started.add(kafka);
        Gauge.builder("mcpgw.kafka.reachable", () -> kafka.isReachable() ? 1 : 0)
                .description("1 while this service's Kafka cluster answers, 0 while it does not").register(metrics);
    }

    static Standalone against(String bootstrapServers) {
        return new Standalone(bootstrapServers);
    }

    KafkaReachability kafka() {
        return kafka;
    }

    PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Closed on the way out, after everything started later. */
    <T extends AutoCloseable> T started(T part) {
        return started.add(part);
    }

    /** Serves /healthz and /metrics at {@code listen} (HOST:PORT); returns where. */
    String serve(String listen, ServiceHealth health) {
        int colon = listen.lastIndexOf(':');
        return started(ServiceEndpoint.start(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)), health, metrics)).url();
    }

    /** Blocks until the process is told to stop, then closes everything and says so on stdout. */
    void runUntilStopped(String service) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            System.out.println(service + " stopped");
            stopped.countDown();
        }, service + "-shutdown"));
        stopped.await();
    }

    /** Closes what was started, last first. */
    void close() {
        started.close();
    }
}
