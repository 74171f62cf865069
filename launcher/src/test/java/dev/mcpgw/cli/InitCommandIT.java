package dev.mcpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.broker.EmbeddedKafkaBroker;
import dev.mcpgw.kafka.Topic;
import dev.mcpgw.kafka.TopicConsumers;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.schemas.PolicyDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway init}: the one step before the services run alone, on a cluster of its own. */
class InitCommandIT {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void up() {
        broker = EmbeddedKafkaBroker.temporary().start();
    }

    @AfterAll
    static void down() {
        broker.close();
    }

    @Test
    void shouldCreateEveryTopicWithTheConfiguredPartitionsAndActivateThePolicy(@TempDir Path dir) throws Exception {
        // given
        Path config = config(dir, "version: init-1\ndefault: deny\nrules:\n  - {id: echo-ok, effect: allow, tools: [echo]}\n");

        // when
        CliRun first = CliRun.of("init", "--bootstrap-servers", broker.bootstrapServers(), "--config", config.toString());
        CliRun again = CliRun.of("init", "--bootstrap-servers", broker.bootstrapServers(), "--config", config.toString());

        // then
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("2 decision partitions", "active policy init-1");
        assertThat(again.exitCode()).as("run again over the topics it made: %s", again.output()).isZero();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.all(2).stream().map(Topic::name).toList());
            assertThat(admin.describeTopics(List.of(Topics.PROPOSE.name())).allTopicNames().get().get(Topics.PROPOSE.name()).partitions()).hasSize(2);
        }
        List<PolicyDocument> policies = TopicConsumers.readAll(broker.bootstrapServers(), Topics.POLICY.name(), Topics.POLICY, Duration.ofSeconds(10));
        assertThat(policies).isNotEmpty().last().satisfies(policy -> assertThat(policy.getSource()).contains("echo-ok"));
    }

    @Test
    void shouldActivateNothingWhenThePolicyDoesNotLoad(@TempDir Path dir) throws Exception {
        // given
        Path valid = config(Files.createDirectory(dir.resolve("valid")), "default: deny\nrules: []\n");
        assertThat(CliRun.of("init", "--bootstrap-servers", broker.bootstrapServers(), "--config", valid.toString()).exitCode()).isZero();
        Path config = config(dir, "default: deny\nrules:\n  - {id: no-effect, tools: [echo]}\n");
        int before = TopicConsumers.readAll(broker.bootstrapServers(), Topics.POLICY.name(), Topics.POLICY, Duration.ofSeconds(10)).size();

        // when
        CliRun init = CliRun.of("init", "--bootstrap-servers", broker.bootstrapServers(), "--config", config.toString());

        // then
        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.output()).contains("policy.yaml", "the policy cannot be activated");
        assertThat(TopicConsumers.readAll(broker.bootstrapServers(), Topics.POLICY.name(), Topics.POLICY, Duration.ofSeconds(10))).hasSize(before);
    }

    private static Path config(Path dir, String policy) throws Exception {
        Files.writeString(dir.resolve("policy.yaml"), policy);
        return Files.writeString(dir.resolve("gateway.yaml"), "policy: policy.yaml\ndecisionPartitions: 2\n");
    }
}
