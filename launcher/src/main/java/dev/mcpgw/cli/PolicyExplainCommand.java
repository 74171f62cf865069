package dev.mcpgw.cli;

import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.testing.CaseException;
import dev.mcpgw.policy.testing.Explainer;
import dev.mcpgw.policy.testing.Explanation;
import dev.mcpgw.policy.testing.IntentReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policy explain}: one decision, with where every rule of the policy stood. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Decide one intent with the policy and say, for every rule, whether it is about the intent and why it applies or not.")
final class PolicyExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyCommand.Partitions partitions;

    @Parameters(paramLabel = "FILE", description = "The policy.")
    Path file;

    @ArgGroup(multiplicity = "1")
    IntentSource source;

    /** The intent on the command line, or in a file. */
    static final class IntentSource {
        @Option(names = "--intent", paramLabel = "JSON", description = "The intent (JSON or YAML, written as in a test case).")
        String text;

        @Option(names = "--intent-file", paramLabel = "FILE", description = "Read the intent from this file instead.")
        Path file;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PolicyLoader.Linted> policy = PolicyFiles.lint(file, partitions.decisionPartitions == 1, out);
        if (policy.isEmpty()) {
            return 2;
        }
        ToolIntent read;
        try {
            read = new IntentReader(Clock.systemUTC()).read(source.text != null ? source.text : Files.readString(source.file));
        } catch (IOException e) {
            out.printf("%s: cannot be read (%s)%n", source.file, e.getClass().getSimpleName());
            return 2;
        } catch (CaseException e) {
            out.printf("%s: %s%n", source.text != null ? "--intent" : source.file, e.getMessage());
            return 2;
        }
        print(out, new Explainer().explain(read, policy.get().policy(), RateCounts.NONE));
        return 0;
    }

    private static void print(PrintWriter out, Explanation explanation) {
        Decision decision = explanation.decision();
        out.printf("decision: %s (rules: %s)%n", decision.effect(), decision.matchedRules().isEmpty() ? "none" : String.join(", ", decision.matchedRules()));
        decision.reasons().forEach(r -> out.printf("  %s%n", r));
        out.println("rules:");
        for (Explanation.RuleStanding rule : explanation.rules()) {
            String standing = !rule.about() ? "not about it" : rule.applies() ? "applies" : "does not apply";
            out.printf("  %-24s %-6s %-15s %s%n", rule.ruleId(), rule.effect(), standing, rule.why());
        }
    }
}
