package dev.mcpgw.policy.load;

import java.util.List;

/** A policy that cannot be activated, with every problem found (and its line and column where known). */
public final class PolicyException extends Exception {
    private final List<String> problems;

    public PolicyException(List<String> problems) {
        super("invalid policy: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
