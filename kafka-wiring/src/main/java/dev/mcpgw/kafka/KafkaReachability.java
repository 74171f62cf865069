package dev.mcpgw.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a service's Kafka cluster answers, for its readiness: the cluster is described every
 * {@code every}, and it is reachable while the last description named at least one broker.
 * Unreachable until the first answer, so a service is never ready before it has seen its cluster.
 */
public final class KafkaReachability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaReachability.class);

    private final Admin admin;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kafka-reachability");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean reachable;

    private KafkaReachability(String bootstrapServers, Duration every) {
        int millis = (int) every.toMillis();
        this.every = every;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                // A cluster that is gone is retried at this pace, not every second with a warning each time.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, millis));
    }

    /** Starts watching the cluster at {@code bootstrapServers}, first at once, then every {@code every}. */
    public static KafkaReachability watching(String bootstrapServers, Duration every) {
        KafkaReachability reachability = new KafkaReachability(bootstrapServers, every);
        reachability.timer.scheduleWithFixedDelay(reachability::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return reachability;
    }

    private void check() {
        boolean now;
        try {
            now = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) every.toMillis()))
                    .nodes().get(every.toMillis() + 1000, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            now = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (now != reachable) {
            LOG.info("Kafka cluster {}", now ? "reachable" : "unreachable");
        }
        reachable = now;
    }

    public boolean isReachable() {
        return reachable;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
