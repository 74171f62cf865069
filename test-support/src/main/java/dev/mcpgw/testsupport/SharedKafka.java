package dev.mcpgw.testsupport;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one real KRaft broker of a test JVM, started on first use and stopped when the JVM exits, so
 * every test class that needs Kafka shares it instead of paying a broker start each.
 */
public final class SharedKafka {
    private static EmbeddedKafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = EmbeddedKafkaBroker.temporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-shutdown"));
            try (Admin admin = admin()) {
                new TopicProvisioner(admin).ensure(Topics.ALL);
            }
        }
        return broker.bootstrapServers();
    }

    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }
}
