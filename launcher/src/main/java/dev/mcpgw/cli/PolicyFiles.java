package dev.mcpgw.cli;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a policy file for a command, printing every problem (and warning) with the file's name; empty when it does not load. */
final class PolicyFiles {
    private PolicyFiles() {
    }

    static Optional<PolicyLoader.Linted> lint(Path file, boolean onePartition, PrintWriter out) {
        String source;
        try {
            source = Files.readString(file);
        } catch (NoSuchFileException e) {
            out.printf("%s: no such file%n", file);
            return Optional.empty();
        } catch (IOException e) {
            out.printf("%s: cannot be read (%s)%n", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
        try {
            PolicyLoader.Linted linted = new PolicyLoader(onePartition).lint(source);
            linted.warnings().forEach(w -> out.printf("%s: warning: %s%n", file, w));
            return Optional.of(linted);
        } catch (PolicyException e) {
            e.problems().forEach(p -> out.printf("%s: %s%n", file, p));
            return Optional.empty();
        }
    }
}
