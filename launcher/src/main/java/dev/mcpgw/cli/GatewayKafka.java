package dev.mcpgw.cli;

import dev.mcpgw.kafka.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;

/** What the policy commands ask a running gateway's Kafka before they start, saying in one line when it cannot be reached. */
final class GatewayKafka {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private GatewayKafka() {
    }

    /** The gateway's decision partitions, as its propose topic has them: a policy is checked the way its stream loads it. */
    static Optional<Integer> decisionPartitions(String bootstrapServers, PrintWriter out) throws InterruptedException {
        int millis = (int) TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis))) {
            return Optional.of(admin.describeTopics(List.of(Topics.PROPOSE.name()), new DescribeTopicsOptions().timeoutMs(millis))
                    .allTopicNames().get(TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS).get(Topics.PROPOSE.name()).partitions().size());
        } catch (ExecutionException | TimeoutException e) {
            out.printf("cannot reach a gateway's Kafka at %s (%s): start the gateway, or pass --bootstrap-servers HOST:PORT%n",
                    bootstrapServers, (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
