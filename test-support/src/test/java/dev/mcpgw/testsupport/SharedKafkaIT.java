package dev.mcpgw.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class SharedKafkaIT {

    @Test
    void shouldCreateTheReceiptTopicCompacted() throws Exception {
        try (Admin admin = SharedKafka.admin()) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RECEIPT.name());
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldRoundTripAnAvroRecordThroughTheBroker() {
        var policy = new PolicyDocument("abc", "default: deny", 42L);

        TopicIO.write(Topics.POLICY, "roundtrip", policy, 42L);
        var records = TopicIO.readUntil(Topics.POLICY,
                rs -> rs.stream().anyMatch(r -> r.key().equals("roundtrip")), Duration.ofSeconds(30));

        assertThat(records).anySatisfy(r -> assertThat(r.value()).isEqualTo(policy));
    }

    @Test
    void shouldReportAnExistingTopicThatIsNotCompactedWhenItMustBe() throws Exception {
        var wanted = new Topic<>("wrongly-configured", Serdes.String(), Serdes.String(), 1, Map.of("cleanup.policy", "compact"));
        try (Admin admin = SharedKafka.admin()) {
            admin.createTopics(List.of(new NewTopic(wanted.name(), 1, (short) 1))).all().get();

            assertThatThrownBy(() -> new TopicProvisioner(admin).ensure(List.of(wanted)))
                    .hasMessageContaining("wrongly-configured has cleanup.policy=delete, needs compact");
        }
    }
}
