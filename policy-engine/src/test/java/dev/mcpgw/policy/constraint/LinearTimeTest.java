package dev.mcpgw.policy.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Policy patterns run with RE2 semantics, so an argument built to make a backtracking engine take
 * exponential time is decided at once. The timeout only stops a hang; it measures nothing.
 */
class LinearTimeTest {
    private static final String CATASTROPHIC = "(a+)+$";
    private static final String EVIL_TEXT = "a".repeat(50_000) + "!";
    private static final Duration HANG = Duration.ofSeconds(20);

    @Test
    void aCatastrophicRegexConstraintIsDecidedWithoutBacktracking() throws Exception {
        Policy policy = new PolicyLoader().load("""
                default: deny
                rules:
                  - id: only-as
                    effect: allow
                    tools: [echo]
                    arguments:
                      text: {regex: "%s"}
                """.formatted(CATASTROPHIC));

        Decision decision = assertTimeoutPreemptively(HANG, () -> decide(policy));

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.errors()).isEmpty();
    }

    @Test
    void aCatastrophicMatchesConditionIsDecidedWithoutBacktracking() throws Exception {
        Policy policy = new PolicyLoader().load("""
                default: deny
                rules:
                  - id: as-to-the-end
                    effect: allow
                    tools: [echo]
                    condition: {field: arguments.text, operator: matches, value: "%s"}
                """.formatted(CATASTROPHIC));

        Decision decision = assertTimeoutPreemptively(HANG, () -> decide(policy));

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.errors()).isEmpty();
    }

    private static Decision decide(Policy policy) {
        ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("text", EVIL_TEXT);
        ToolIntent intent = ToolIntent.of("alice", Set.of(), "demo", "echo", arguments, Instant.EPOCH);
        return new PolicyEngine().decide(intent, policy, RateCounts.NONE);
    }
}
