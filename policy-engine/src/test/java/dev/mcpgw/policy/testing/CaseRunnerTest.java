package dev.mcpgw.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class CaseRunnerTest {
    private static final String POLICY = """
            version: t
            default: deny
            rules:
              - id: reads
                effect: allow
                tools: [read_file]
                arguments: {path: {pathPrefix: [/srv]}}
                rateLimit: {requests: 3, window: 1m}
              - id: no-deletes
                effect: deny
                tools: ["delete_*"]
            """;
    private final CaseRunner runner = new CaseRunner();
    private final PolicyCases cases = new PolicyCases(Clock.systemUTC());

    private CaseResult run(String caseYaml) throws Exception {
        Policy policy = new PolicyLoader().load(POLICY);
        return runner.run(cases.read(caseYaml).get(0), policy);
    }

    @Test
    void shouldPassWhenEffectAndRulesAreAsExpected() throws Exception {
        CaseResult result = run("cases: [{name: ok, intent: {agent: {id: a}, server: f, tool: read_file, arguments: {path: /srv/x}}, "
                + "expect: {effect: allow, rules: [reads]}}]");

        assertThat(result.passed()).isTrue();
    }

    @Test
    void shouldListEachDifferenceWhenTheDecisionIsNotTheExpectedOne() throws Exception {
        CaseResult result = run("cases: [{name: bad, intent: {agent: {id: a}, server: f, tool: read_file, arguments: {path: /etc/x}}, "
                + "expect: {effect: allow, rules: [reads]}}]");

        assertThat(result.passed()).isFalse();
        assertThat(result.differences()).containsExactly("effect: expected ALLOW, got DENY", "rules: expected [reads], got []");
    }

    @Test
    void shouldDenyOnceTheCountedCallsUseUpTheRateLimit() throws Exception {
        CaseResult result = run("cases: [{name: limit, intent: {agent: {id: a}, server: f, tool: read_file, arguments: {path: /srv/x}}, "
                + "counted: {reads: 3}, expect: {effect: deny, rules: [reads]}}]");

        assertThat(result.passed()).isTrue();
        assertThat(result.decision().reasons()).singleElement().asString().startsWith("denied by the rate limit of rule reads");
    }

    @Test
    void shouldRefuseCountsForARuleWithoutARateLimitOrOneThePolicyLacks() {
        assertThatThrownBy(() -> run("cases: [{name: n, intent: {agent: {id: a}, server: f, tool: x}, counted: {no-deletes: 1}, "
                + "expect: {effect: deny}}]")).hasMessage("n: counted names rule no-deletes, which has no rate limit");
        assertThatThrownBy(() -> run("cases: [{name: n, intent: {agent: {id: a}, server: f, tool: x}, counted: {gone: 1}, "
                + "expect: {effect: deny}}]")).hasMessage("n: counted names rule gone, which the policy does not have");
    }
}
