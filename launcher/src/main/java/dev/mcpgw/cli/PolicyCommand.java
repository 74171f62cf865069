package dev.mcpgw.cli;

import dev.mcpgw.policy.load.PolicyLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policy}: work with policy files. */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Work with policy files.",
        subcommands = {PolicyCommand.Lint.class, PolicyTestCommand.class, PolicyExplainCommand.class, PolicyApplyCommand.class,
                PolicyReplayCommand.class})
final class PolicyCommand {

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Check a policy file; exit non-zero when it cannot be activated. Warnings (what loads but is not honoured as written) do not fail it.")
    static final class Lint implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--decision-partitions", defaultValue = "4",
                description = "Partitions the decisions run on (the gateway config's decisionPartitions, default ${DEFAULT-VALUE}); "
                        + "rate limits across agents need 1.")
        int decisionPartitions;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            return PolicyFiles.lint(file, decisionPartitions == 1, out).map(linted -> {
                out.printf("OK: %s, %d rules, version %s%n", file, linted.policy().rules().size(), linted.policy().version());
                return 0;
            }).orElse(1);
        }
    }

    /** For the commands that check a policy the way a gateway with so many decision partitions would load it. */
    static final class Partitions {
        @Option(names = "--decision-partitions", defaultValue = "4",
                description = "The gateway config's decisionPartitions (default ${DEFAULT-VALUE}); rate limits across agents need 1.")
        int decisionPartitions;

        PolicyLoader loader() {
            return new PolicyLoader(decisionPartitions == 1);
        }
    }
}
