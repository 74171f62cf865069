package dev.mcpgw.cli;

import dev.mcpgw.kafka.Topics;
import dev.mcpgw.launcher.PolicyActivation;
import dev.mcpgw.launcher.PolicyPublisher;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.schemas.PolicyStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policy apply}: lint, publish to a running gateway, and wait until its decision stream says the policy is active. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Lint the policy (as the gateway's decision partitions require), publish it to gateway.policy, and wait for the "
                + "decision stream to report it active (exit 0) or refused (exit 1, with its reasons).")
final class PolicyApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOption kafka;

    @Parameters(paramLabel = "FILE", description = "The policy.")
    Path file;

    @Option(names = "--wait", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long to wait for the decision stream's report (default ${DEFAULT-VALUE} s).")
    long waitSeconds;

    @Override
    public Integer call() throws ExecutionException, InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Integer> partitions = GatewayKafka.decisionPartitions(kafka.bootstrapServers, out);
        if (partitions.isEmpty()) {
            return 1;
        }
        Optional<PolicyLoader.Linted> linted = PolicyFiles.lint(file, partitions.get() == 1, out);
        if (linted.isEmpty()) {
            return 1;
        }
        Policy policy = linted.get().policy();
        out.printf("publishing %s (version %s) to %s; waiting for the decision stream%n", policy.label(), policy.version(), kafka.bootstrapServers);
        PolicyActivation activation = new PolicyActivation(kafka.bootstrapServers,
                new PolicyPublisher(kafka.bootstrapServers, new PolicyLoader(partitions.get() == 1), Clock.systemUTC()));
        Optional<PolicyStatus> status = activation.publishAndAwait(policy, Files.readString(file), Duration.ofSeconds(waitSeconds));
        if (status.isEmpty()) {
            out.printf("no decision stream reported on it within %d s: is the gateway running against %s? "
                    + "(the policy is published and becomes active when the stream reads it)%n", waitSeconds, kafka.bootstrapServers);
            return 1;
        }
        if (!status.get().getActive()) {
            out.printf("REFUSED by the decision stream; the policy in force stays:%n");
            status.get().getProblems().forEach(p -> out.printf("%s: %s%n", file, p));
            return 1;
        }
        out.printf("ACTIVE: %s, version %s decides the next intent%n", policy.label(), status.get().getVersion());
        return 0;
    }
}
