package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.scan.ArgumentPlace;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {
    private static final String POLICY = """
            version: test-1
            default: deny
            rules:
              - id: read-anything
                effect: allow
                tools: ["read_*", "echo"]
              - id: finance-reports
                effect: allow
                agents: ["group:finance"]
                servers: [ledger]
                tools: [create_report]
              - id: no-deletes
                effect: deny
                description: deletions are never automated
                tools: ["delete_*", "read_deleted"]
              - id: payments-need-a-human
                effect: review
                tools: [pay]
              - id: pay-is-allowed-for-bots
                effect: allow
                agents: ["bot-*"]
                tools: [pay]
            """;

    private final PolicyEngine engine = new PolicyEngine();
    private final Policy policy = load(POLICY);

    @Test
    void shouldAllowWhenAnAllowRuleMatches() {
        Decision decision = engine.decide(intent("alice", Set.of(), "files", "read_file"), policy, RateCounts.NONE);

        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.matchedRules()).containsExactly("read-anything");
    }

    @Test
    void shouldApplyDefaultWhenNoRuleMatches() {
        Decision decision = engine.decide(intent("alice", Set.of(), "files", "write_file"), policy, RateCounts.NONE);

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.matchedRules()).isEmpty();
        assertThat(decision.reasons()).containsExactly("no rule matched; policy default is deny");
    }

    @Test
    void shouldLetDenyWinOverAllowAndListBothRules() {
        Decision decision = engine.decide(intent("alice", Set.of(), "files", "read_deleted"), policy, RateCounts.NONE);

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.matchedRules()).containsExactly("read-anything", "no-deletes");
        assertThat(decision.reasons()).contains("denied by rule no-deletes: deletions are never automated");
    }

    @Test
    void shouldLetReviewWinOverAllow() {
        Decision decision = engine.decide(intent("bot-7", Set.of(), "bank", "pay"), policy, RateCounts.NONE);

        assertThat(decision.effect()).isEqualTo(Effect.REVIEW);
        assertThat(decision.matchedRules()).containsExactly("payments-need-a-human", "pay-is-allowed-for-bots");
    }

    @Test
    void shouldMatchAgentsByGroupAndServerByName() {
        assertThat(engine.decide(intent("carol", Set.of("finance"), "ledger", "create_report"), policy, RateCounts.NONE).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(engine.decide(intent("carol", Set.of("sales"), "ledger", "create_report"), policy, RateCounts.NONE).effect())
                .isEqualTo(Effect.DENY);
        assertThat(engine.decide(intent("carol", Set.of("finance"), "other", "create_report"), policy, RateCounts.NONE).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void shouldFailClosedWhenEvaluationThrows() {
        ToolIntent broken = ToolIntent.of(null, null, "files", "read_file", null, Instant.EPOCH);
        Policy groupPolicy = load("""
                default: allow
                rules:
                  - {id: by-group, effect: allow, agents: ["group:x"]}
                """);

        Decision decision = engine.decide(broken, groupPolicy, RateCounts.NONE);

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.errors()).hasSize(1);
    }

    @Test
    void aDecisionThatFailedClosedRedactsTheWholeArguments() {
        ToolIntent broken = ToolIntent.of(null, null, "files", "read_file", null, Instant.EPOCH);
        Policy groupPolicy = load("""
                default: allow
                rules:
                  - {id: by-group, effect: allow, agents: ["group:x"]}
                """);

        Decision decision = engine.decide(broken, groupPolicy, RateCounts.NONE);

        assertThat(decision.redactedArguments()).containsExactly(ArgumentPlace.WHOLE);
    }

    private static ToolIntent intent(String agent, Set<String> groups, String server, String tool) {
        return ToolIntent.of(agent, groups, server, tool, JsonNodeFactory.instance.objectNode(), Instant.EPOCH);
    }

    private static Policy load(String yaml) {
        try {
            return new PolicyLoader().load(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
