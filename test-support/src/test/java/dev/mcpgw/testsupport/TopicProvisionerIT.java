package dev.mcpgw.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicProvisioner;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

    @Test
    void shouldReturnOnlyOnceEveryTopicItCreatedIsServedWithALeaderForEachPartition() {
        try (Admin admin = SharedKafka.admin();
             var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()),
                     new StringDeserializer(), new StringDeserializer())) {
            for (int round = 0; round < 10; round++) {
                var fresh = new Topic<>("provisioned-" + round, Serdes.String(), Serdes.String(), 6, Map.of());

                new TopicProvisioner(admin).ensure(List.of(fresh));

                var partitions = consumer.partitionsFor(fresh.name());
                assertThat(partitions).as("round %d", round).hasSize(6).allSatisfy(p -> assertThat(p.leader()).isNotNull());
            }
        }
    }
}
