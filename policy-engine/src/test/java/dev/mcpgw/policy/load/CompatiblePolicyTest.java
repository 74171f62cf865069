package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A policy document of the best-known MCP authorization product, loaded unchanged and decided by our engine. */
class CompatiblePolicyTest {
    private final PolicyEngine engine = new PolicyEngine();
    private final Policy policy = load(fixture());

    @Test
    void shouldLoadTheDocumentUnchangedAndLabelItByNameAndVersion() {
        assertThat(policy.label()).isEqualTo("Finance assistant guardrails@2.1.0");
        assertThat(policy.defaultEffect()).isEqualTo(Effect.DENY);
        assertThat(policy.rules()).hasSize(4);
    }

    @Test
    void shouldMatchActionTypeAndParametersOnTheToolAndItsArguments() {
        assertThat(decide("finance-bot", "send_payment", "{\"amount\": 250}").effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide("finance-bot", "get_balance", "{}").effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide("finance-bot", "delete_account", "{}").effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldTreatRequireApprovalAsReviewAndNameTheApprovers() {
        Decision decision = decide("finance-bot", "send_payment", "{\"amount\": 5000}");

        assertThat(decision.effect()).isEqualTo(Effect.REVIEW);
        assertThat(decision.reasons()).containsExactly("sent to review by rule large-payments: Payments over 1000 need finance approval "
                + "(needs 1 approval from group:finance-leads, user:cfo within 1h)");
    }

    @Test
    void shouldMatchPrincipalIdOnTheAgent() {
        Decision decision = decide("intern-7", "send_payment", "{\"amount\": 10}");

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.matchedRules()).containsExactly("small-payments", "no-interns-paying");
    }

    @Test
    void shouldCountAPrincipalRateLimitPerAgent() {
        Decision decision = decide("finance-bot", "list_transactions", "{}");

        assertThat(decision.countedAgainst()).singleElement().asString().endsWith("|read-ledger|finance-bot");
    }

    @Test
    void shouldRefuseARateLimitCountedAcrossAgentsWhenDecisionsRunOnSeveralPartitions() {
        String global = fixture().replace("\"scope\": \"principal\"", "\"scope\": \"global\"");

        assertThatThrownBy(() -> new PolicyLoader().load(global))
                .hasMessageContaining("rules[0].rateLimit.scope: rate limit scope 'global' counts across agents")
                .hasMessageContaining("decisionPartitions: 1");
    }

    @Test
    void shouldCountAnActionRateLimitAcrossAgentsWhenDecisionsRunOnOnePartition() throws Exception {
        Policy perAction = new PolicyLoader(true).load(fixture().replace("\"scope\": \"principal\"", "\"scope\": \"action\""));

        Decision decision = engine.decide(ToolIntent.of("finance-bot", Set.of(), "bank", "get_balance",
                new ObjectMapper().readTree("{}"), Instant.parse("2026-11-23T10:00:00Z")), perAction, RateCounts.NONE);

        assertThat(decision.countedAgainst()).singleElement().asString().endsWith("|read-ledger|*|bank/get_balance");
    }

    @Test
    void shouldRefuseAnUnknownEffectAndAVersionThatIsNotSemantic() {
        String bad = fixture().replace("\"2.1.0\"", "\"v2\"").replace("\"effect\": \"deny\"", "\"effect\": \"block\"");

        assertThatThrownBy(() -> new PolicyLoader().load(bad))
                .hasMessageContaining("version: version must be a semantic version")
                .hasMessageContaining("rules[3].effect: effect must be allow, deny or require_approval");
    }

    private Decision decide(String agent, String tool, String arguments) {
        try {
            return engine.decide(ToolIntent.of(agent, Set.of(), "bank", tool, new ObjectMapper().readTree(arguments),
                    Instant.parse("2026-11-23T10:00:00Z")), policy, RateCounts.NONE);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String fixture() {
        try (InputStream in = CompatiblePolicyTest.class.getResourceAsStream("/compatible/finance-assistant.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Policy load(String source) {
        try {
            return new PolicyLoader().load(source);
        } catch (PolicyException e) {
            throw new AssertionError(e);
        }
    }
}
