package dev.mcpgw.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The single node the gateway starts in its own JVM is sized for sharing that JVM's heap and an idle machine's cores. */
class EmbeddedKafkaBrokerIT {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.temporary().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theLogCleanerKeepsSixteenMegabytesOfKeysOnTheHeapNotTheDefault128() throws Exception {
        assertThat(brokerConfig().get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(String.valueOf(16 * 1024 * 1024));
    }

    @Test
    void theGroupCoordinatorHandlesItsEventsOnOneThread() {
        assertThat(threadsNamed("group-coordinator-event-processor-")).hasSize(1);
    }

    @Test
    void noShareGroupStatePersisterRunsForTheShareGroupsTheGatewayNeverUses() {
        assertThat(threadsNamed("persister-state-manager")).isEmpty();
    }

    /** The broker runs in this JVM, so its threads are this JVM's. */
    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(name -> name.startsWith(prefix)).toList();
    }

    private static Config brokerConfig() throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.describeConfigs(List.of(node)).all().get(30, TimeUnit.SECONDS).get(node);
        }
    }
}
