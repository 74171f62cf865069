package dev.mcpgw.cli;

import dev.mcpgw.kafka.SchemaTopic;
import dev.mcpgw.kafka.TopicProvisioner;
import dev.mcpgw.kafka.Topics;
import dev.mcpgw.kafka.WriterSchemas;
import dev.mcpgw.launcher.ConfigLoader;
import dev.mcpgw.launcher.PolicyPublisher;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway init}: what the services run alone need before they start, done once: every topic
 * created with its partitions and config (chains are per partition of gateway.propose, fixed here),
 * and the config's policy made the active one. Safe to run again: existing topics are checked, not changed.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the gateway's topics on a Kafka cluster and activate the config's policy, then exit.")
final class InitCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOption kafka;

    @Option(names = "--config", required = true, description = "Gateway config (YAML): its decisionPartitions and policy are used.")
    Path config;

    @Override
    public Integer call() throws Exception {
        Optional<ConfigLoader.Loaded> read = ServiceConfig.load(config, spec);
        if (read.isEmpty()) {
            return 1;
        }
        ConfigLoader.Loaded loaded = read.get();
        Integer configured = loaded.config().decisionPartitions();
        int partitions = configured == null ? Topics.PROPOSE_PARTITIONS : configured;
        int millis = (int) TIMEOUT.toMillis();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis))) {
            new TopicProvisioner(admin).ensure(Topics.all(partitions));
        }
        // Before the policy record: every schema this build writes or once wrote, so records already on the topics resolve.
        SchemaTopic.publish(kafka.bootstrapServers, WriterSchemas.shared().known());
        Policy policy = new PolicyPublisher(kafka.bootstrapServers, new PolicyLoader(partitions == 1), Clock.systemUTC())
                .publish(loaded.policySource());
        spec.commandLine().getOut().printf("topics ready on %s (%d decision partitions); active policy %s (version %s)%n",
                kafka.bootstrapServers, partitions, policy.label(), policy.version());
        return 0;
    }
}
