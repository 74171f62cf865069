package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Discovery held to the decision, over generated policies and calls: an item hidden from an agent
 * is one no call of it is ever allowed or reviewed, and, where no rule has conditions, an item shown
 * is one a call of is allowed or reviewed. So discovery and invocation cannot drift.
 */
class DiscoveryAgreesWithDecideTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLICIES = 1500;
    private static final List<String> AGENTS = List.of("alice", "bob", "carol");
    private static final Map<String, Set<String>> GROUPS = Map.of("alice", Set.of("ops"), "bob", Set.of(), "carol", Set.of("interns"));
    private static final List<String> SERVERS = List.of("fs", "web");
    private static final List<String> TOOLS = List.of("read", "write", "rm");
    private static final List<String> AGENT_LISTS = List.of("", "agents: [alice]", "agents: [bob]", "agents: [\"group:interns\"]",
            "agents: [\"a*\", bob]");
    private static final List<String> TARGETS = List.of("", "tools: [read]", "tools: [write, rm]", "tools: [\"r*\"]", "prompts: [read]",
            "requests: [tools/call]");
    private static final List<String> SERVER_LISTS = List.of("", "servers: [fs]", "servers: [\"w*\"]");
    private static final List<String> CONDITIONS = List.of(
            "arguments: {path: {pathPrefix: [/tmp]}}",
            "when: {timezone: UTC, hours: \"09:00-17:00\"}",
            "condition: {field: arguments.path, operator: startsWith, value: /etc}",
            "scan: [secrets]"); // last: see generated
    private static final List<JsonNode> ARGUMENTS = List.of(json("{}"), json("{\"path\": \"/tmp/a\"}"), json("{\"path\": \"/etc/passwd\"}"),
            json("{\"path\": \"AKIAIOSFODNN7EXAMPLE\"}"));
    private static final List<Instant> TIMES = List.of(Instant.parse("2026-06-01T03:00:00Z"), Instant.parse("2026-06-01T12:00:00Z"));

    private final PolicyEngine engine = new PolicyEngine();

    @Test
    void noCallOfAHiddenItemIsEverAllowedOrReviewed() {
        Random random = new Random(16);
        int hidden = 0;
        for (int i = 0; i < POLICIES; i++) {
            Policy policy = generated(random, i, true);
            for (String agent : AGENTS) {
                for (String server : SERVERS) {
                    for (String tool : TOOLS) {
                        if (!Discovery.couldAllow(policy, agent, GROUPS.get(agent), server, RequestKind.TOOLS_CALL, tool)) {
                            hidden++;
                            for (JsonNode arguments : ARGUMENTS) {
                                for (Instant time : TIMES) {
                                    assertThat(engine.decide(call(agent, server, tool, arguments, time), policy, RateCounts.NONE).effect())
                                            .as("%s calls %s/%s with %s at %s under %s", agent, server, tool, arguments, time, policy)
                                            .isEqualTo(Effect.DENY);
                                }
                            }
                        }
                    }
                }
            }
        }
        // The property would hold vacuously if nothing were hidden.
        assertThat(hidden).isGreaterThan(POLICIES);
    }

    @Test
    void withoutConditionsAShownItemHasACallThatIsAllowedOrReviewed() {
        Random random = new Random(2069);
        for (int i = 0; i < POLICIES; i++) {
            Policy policy = generated(random, i, false);
            for (String agent : AGENTS) {
                for (String server : SERVERS) {
                    for (String tool : TOOLS) {
                        boolean shown = Discovery.couldAllow(policy, agent, GROUPS.get(agent), server, RequestKind.TOOLS_CALL, tool);
                        Effect effect = engine.decide(call(agent, server, tool, json("{}"), TIMES.get(1)), policy, RateCounts.NONE).effect();
                        assertThat(shown).as("%s sees %s/%s (decided %s) under %s", agent, server, tool, effect, policy)
                                .isEqualTo(effect != Effect.DENY);
                    }
                }
            }
        }
    }

    private static Policy generated(Random random, int index, boolean withConditions) {
        StringBuilder yaml = new StringBuilder("version: generated-" + index + "\ndefault: " + (random.nextBoolean() ? "deny" : "allow")
                + "\nrules:\n");
        int rules = 1 + random.nextInt(5);
        for (int r = 0; r < rules; r++) {
            String effect = List.of("allow", "deny", "review").get(random.nextInt(3));
            yaml.append("  - id: r").append(r).append('\n').append("    effect: ").append(effect).append('\n');
            // The loader refuses an allow rule that scans: scanning only ever denies or reviews.
            List<String> conditions = effect.equals("allow") ? CONDITIONS.subList(0, CONDITIONS.size() - 1) : CONDITIONS;
            for (String part : List.of(pick(random, AGENT_LISTS), pick(random, TARGETS), pick(random, SERVER_LISTS),
                    withConditions && random.nextBoolean() ? pick(random, conditions) : "")) {
                if (!part.isEmpty()) {
                    yaml.append("    ").append(part).append('\n');
                }
            }
        }
        try {
            return new PolicyLoader().load(yaml.toString());
        } catch (PolicyException e) {
            throw new IllegalStateException(yaml + " does not load: " + e.getMessage(), e);
        }
    }

    private static ToolIntent call(String agent, String server, String tool, JsonNode arguments, Instant time) {
        return ToolIntent.of(agent, GROUPS.get(agent), server, tool, arguments, time);
    }

    private static String pick(Random random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
