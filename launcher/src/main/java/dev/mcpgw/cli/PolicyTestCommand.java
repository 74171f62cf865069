package dev.mcpgw.cli;

import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.testing.CaseException;
import dev.mcpgw.policy.testing.CaseResult;
import dev.mcpgw.policy.testing.CaseRunner;
import dev.mcpgw.policy.testing.PolicyCase;
import dev.mcpgw.policy.testing.PolicyCases;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policy test}: unit tests for a policy, one line per case, a diff for each failure. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Decide each case of the YAML case files with the policy; print PASS or FAIL per case (with what differed), "
                + "exit 1 when any case fails, 2 when a file cannot be read.")
final class PolicyTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PolicyCommand.Partitions partitions;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy.")
    Path file;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "CASES", description = "Case files (YAML: see the README's Policy section).")
    List<Path> caseFiles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<PolicyLoader.Linted> policy = PolicyFiles.lint(file, partitions.decisionPartitions == 1, out);
        if (policy.isEmpty()) {
            return 2;
        }
        CaseRunner runner = new CaseRunner();
        int passed = 0;
        int failed = 0;
        for (Path caseFile : caseFiles) {
            try {
                for (PolicyCase testCase : new PolicyCases(Clock.systemUTC()).read(Files.readString(caseFile))) {
                    CaseResult result = runner.run(testCase, policy.get().policy());
                    print(out, caseFile, result);
                    if (result.passed()) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            } catch (IOException e) {
                out.printf("%s: cannot be read (%s)%n", caseFile, e.getClass().getSimpleName());
                return 2;
            } catch (CaseException e) {
                out.printf("%s: %s%n", caseFile, e.getMessage());
                return 2;
            }
        }
        out.printf("%d cases: %d passed, %d failed%n", passed + failed, passed, failed);
        return failed == 0 ? 0 : 1;
    }

    private static void print(PrintWriter out, Path caseFile, CaseResult result) {
        out.printf("%s %s: %s%n", result.passed() ? "PASS" : "FAIL", caseFile.getFileName(), result.testCase().name());
        if (!result.passed()) {
            result.differences().forEach(d -> out.printf("     %s%n", d));
            result.decision().reasons().forEach(r -> out.printf("     because: %s%n", r));
        }
    }
}
