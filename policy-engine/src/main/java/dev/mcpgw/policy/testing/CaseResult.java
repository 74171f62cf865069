package dev.mcpgw.policy.testing;

import dev.mcpgw.policy.Decision;
import java.util.List;

/** How one case ran: what the policy decided, and each way it differs from what was expected (none: it passed). */
public record CaseResult(PolicyCase testCase, Decision decision, List<String> differences) {

    public boolean passed() {
        return differences.isEmpty();
    }
}
