package dev.mcpgw.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.testing.Explanation.RuleStanding;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ExplainerTest {
    private static final String POLICY = """
            version: t
            default: deny
            rules:
              - id: dev-reads
                effect: allow
                agents: ["group:dev"]
                tools: [read_file]
                arguments: {path: {pathPrefix: [/srv]}}
              - id: reads
                effect: allow
                tools: [read_file]
                arguments: {path: {pathPrefix: [/srv/public]}}
              - id: other-server
                effect: deny
                servers: [mail]
              - id: no-deletes
                effect: deny
                tools: ["delete_*"]
            """;

    @Test
    void shouldSayForEveryRuleWhetherItIsAboutTheIntentAndWhyItAppliesOrNot() throws Exception {
        var intent = new IntentReader(Clock.systemUTC()).read(
                "{\"agent\": {\"id\": \"bob\", \"groups\": [\"dev\"]}, \"server\": \"files\", \"tool\": \"read_file\", \"arguments\": {\"path\": \"/srv/x\"}}");

        Explanation explanation = new Explainer().explain(intent, new PolicyLoader().load(POLICY), RateCounts.NONE);

        assertThat(explanation.decision().effect()).isEqualTo(Effect.ALLOW);
        assertThat(explanation.rules()).containsExactly(
                new RuleStanding("dev-reads", "allow", true, true, "allowed by rule dev-reads"),
                new RuleStanding("reads", "allow", true, false, "arguments.path '/srv/x' (/srv/x) is outside /srv/public"),
                new RuleStanding("other-server", "deny", false, false, "its servers do not include files"),
                new RuleStanding("no-deletes", "deny", false, false, "it is not about tools/call read_file"));
    }

    @Test
    void shouldNameTheAgentWhenARulesAgentsLeaveItOut() throws Exception {
        var intent = new IntentReader(Clock.systemUTC()).read("{agent: {id: eve}, server: files, tool: read_file, arguments: {path: /srv/public/a}}");

        Explanation explanation = new Explainer().explain(intent, new PolicyLoader().load(POLICY), RateCounts.NONE);

        assertThat(explanation.rules().get(0).why()).isEqualTo("its agents do not include eve");
        assertThat(explanation.decision().matchedRules()).containsExactly("reads");
    }
}
