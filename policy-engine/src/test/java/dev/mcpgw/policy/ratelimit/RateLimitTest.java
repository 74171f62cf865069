package dev.mcpgw.policy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgw.policy.Decision;
import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.PolicyEngine;
import dev.mcpgw.policy.ToolIntent;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rate limits with the counts kept the way the decision stream keeps them: incremented only for calls that go through. */
class RateLimitTest {
    private static final Instant WINDOW_START = Instant.parse("2026-11-23T10:00:00Z");
    private final PolicyEngine engine = new PolicyEngine();
    private final Map<String, Long> counts = new HashMap<>();
    private final Policy policy = load(new PolicyLoader(), """
            default: deny
            rules:
              - id: three-echoes-a-minute
                effect: allow
                tools: [echo]
                rateLimit: {requests: 3, window: 1m}
              - id: two-adds-per-server
                effect: allow
                tools: [add]
                rateLimit: {requests: 2, window: 1h, per: agent+server}
            """);

    private Decision call(String agent, String server, String tool, Instant at) {
        return decide(policy, agent, server, tool, at);
    }

    /** Decides as the stream does: against the counts so far, counting the call if it goes through. */
    private Decision decide(Policy under, String agent, String server, String tool, Instant at) {
        Decision decision = engine.decide(ToolIntent.of(agent, Set.of(), server, tool, JsonNodeFactory.instance.objectNode(), at),
                under, key -> counts.getOrDefault(key, 0L));
        decision.countedAgainst().forEach(key -> counts.merge(key, 1L, Long::sum));
        return decision;
    }

    @Test
    void shouldAllowExactlyTheLimitAndDenyTheNextCallSayingWhenItResets() {
        for (int i = 0; i < 3; i++) {
            assertThat(call("alice", "demo", "echo", WINDOW_START.plusSeconds(i)).effect()).isEqualTo(Effect.ALLOW);
        }

        Decision fourth = call("alice", "demo", "echo", WINDOW_START.plusSeconds(30));

        assertThat(fourth.effect()).isEqualTo(Effect.DENY);
        assertThat(fourth.matchedRules()).containsExactly("three-echoes-a-minute");
        assertThat(fourth.reasons()).containsExactly("denied by the rate limit of rule three-echoes-a-minute: "
                + "3 calls per 1m per agent used up; resets at 2026-11-23T10:01:00Z");
        assertThat(fourth.countedAgainst()).isEmpty();
    }

    @Test
    void shouldStartAfreshWhenTheWindowResets() {
        for (int i = 0; i < 4; i++) {
            call("alice", "demo", "echo", WINDOW_START.plusSeconds(10 + i));
        }

        assertThat(call("alice", "demo", "echo", WINDOW_START.plusSeconds(59).plusMillis(999)).effect()).isEqualTo(Effect.DENY);
        assertThat(call("alice", "demo", "echo", WINDOW_START.plusSeconds(60)).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldCountEachAgentSeparately() {
        for (int i = 0; i < 3; i++) {
            call("alice", "demo", "echo", WINDOW_START);
        }

        assertThat(call("bob", "demo", "echo", WINDOW_START).effect()).isEqualTo(Effect.ALLOW);
        assertThat(call("alice", "demo", "echo", WINDOW_START).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldCountPerServerWhenTheScopeSaysSo() {
        call("alice", "a", "add", WINDOW_START);
        call("alice", "a", "add", WINDOW_START);

        assertThat(call("alice", "a", "add", WINDOW_START).effect()).isEqualTo(Effect.DENY);
        assertThat(call("alice", "b", "add", WINDOW_START).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldCountAcrossAgentsForAToolWhenDecisionsRunOnOnePartition() {
        Policy perTool = load(new PolicyLoader(true), """
                default: deny
                rules:
                  - {id: two-searches-for-everyone, effect: allow, tools: [search], rateLimit: {requests: 2, window: 1m, per: tool}}
                """);

        assertThat(decide(perTool, "alice", "demo", "search", WINDOW_START).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(perTool, "bob", "demo", "search", WINDOW_START).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide(perTool, "carol", "demo", "search", WINDOW_START).effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldRefuseACountAcrossAgentsWhenDecisionsRunOnSeveralPartitions() {
        assertThatThrownBy(() -> new PolicyLoader().load("""
                default: deny
                rules:
                  - {id: g, effect: allow, rateLimit: {requests: 2, window: 1m, per: global}}
                """)).hasMessageContaining("rules[0].rateLimit.per: rate limit per global counts across agents");
    }

    @ParameterizedTest(name = "{0} is {1} seconds")
    @CsvSource({"30s, 30", "15m, 900", "1h, 3600", "7d, 604800"})
    void shouldReadWindowLengths(String window, long seconds) {
        assertThat(RateLimit.parseWindow(window)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void shouldRefuseAWindowItCannotRead() {
        assertThatThrownBy(() -> RateLimit.parseWindow("1 week")).hasMessageContaining("30s, 15m, 1h or 7d");
        assertThatThrownBy(() -> RateLimit.parseWindow("0m")).hasMessageContaining("30s, 15m, 1h or 7d");
        assertThatThrownBy(() -> RateLimit.parseWindow("99999999999999999d")).hasMessageContaining("too long");
    }

    private static Policy load(PolicyLoader loader, String yaml) {
        try {
            return loader.load(yaml);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
