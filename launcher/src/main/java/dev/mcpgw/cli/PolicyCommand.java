package dev.mcpgw.cli;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gateway policy}: work with policy files. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy files.",
        subcommands = PolicyCommand.Lint.class)
final class PolicyCommand {

    @Command(name = "lint", mixinStandardHelpOptions = true, description = "Check a policy file; exit non-zero when it cannot be activated.")
    static final class Lint implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--decision-partitions", defaultValue = "4",
                description = "Partitions the decisions run on (the gateway config's decisionPartitions, default ${DEFAULT-VALUE}); "
                        + "rate limits across agents need 1.")
        int decisionPartitions;

        @Override
        public Integer call() throws Exception {
            try {
                Policy policy = new PolicyLoader(decisionPartitions == 1).load(Files.readString(file));
                System.out.printf("OK: %s, %d rules, version %s%n", file, policy.rules().size(), policy.version());
                return 0;
            } catch (PolicyException e) {
                e.problems().forEach(p -> System.out.printf("%s: %s%n", file, p));
                return 1;
            }
        }
    }
}
