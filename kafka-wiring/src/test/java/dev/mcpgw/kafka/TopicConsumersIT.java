package dev.mcpgw.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A topic just created reaches each broker of a cluster a little later: a reader waits a moment for it, then calls it missing. */
class TopicConsumersIT {
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
    void readsATopicCreatedAfterTheReadBegan() throws Exception {
        String topic = "appearing-" + UUID.randomUUID();
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var created = later.schedule(() -> admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(), 1, TimeUnit.SECONDS);
            try (var consumer = TopicConsumers.fromBeginning(broker.bootstrapServers(), topic, Topics.RECEIPT_KEYS)) {
                assertThat(consumer.assignment()).containsExactlyInAnyOrder(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            }
            created.get();
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void callsATopicThatNeverAppearsMissing() {
        String topic = "never-" + UUID.randomUUID();
        assertThatThrownBy(() -> TopicConsumers.fromBeginning(broker.bootstrapServers(), topic, Topics.RECEIPT_KEYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no such topic: " + topic);
    }
}
