package dev.mcpgw.policy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.Effect;
import dev.mcpgw.policy.RequestKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyCasesTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private final PolicyCases cases = new PolicyCases(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldReadACaseWithEveryPartOfTheIntent() throws Exception {
        PolicyCase read = cases.read("""
                cases:
                  - name: finance reads a file
                    intent:
                      agent: {id: agent-finance, groups: [finance], attributes: {team: treasury}}
                      server: files
                      tool: read_file
                      arguments: {path: /srv/a}
                      time: 2026-11-23T10:00:00Z
                      context: {sourceIp: 10.0.0.7}
                    counted: {project-files: 99}
                    expect: {effect: allow, rules: [project-files]}
                """).get(0);

        assertThat(read.name()).isEqualTo("finance reads a file");
        assertThat(read.intent().agentGroups()).isEqualTo(Set.of("finance"));
        assertThat(read.intent().agentAttributes()).isEqualTo(Map.of("team", "treasury"));
        assertThat(read.intent().arguments().path("path").asText()).isEqualTo("/srv/a");
        assertThat(read.intent().eventTime()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(read.intent().context()).isEqualTo(Map.of("sourceIp", "10.0.0.7"));
        assertThat(read.counted()).isEqualTo(Map.of("project-files", 99L));
        assertThat(read.effect()).isEqualTo(Effect.ALLOW);
        assertThat(read.rules()).isEqualTo(List.of("project-files"));
    }

    @Test
    void shouldTakeTheKindOfRequestFromTheTargetNamed() throws Exception {
        List<PolicyCase> read = cases.read("""
                cases:
                  - {name: p, intent: {agent: {id: a}, server: s, prompt: greeting}, expect: {effect: deny}}
                  - {name: r, intent: {agent: {id: a}, server: s, resource: "demo://x"}, expect: {effect: deny}}
                  - {name: sub, intent: {agent: {id: a}, server: s, resource: "demo://x", request: resources/subscribe}, expect: {effect: deny}}
                  - {name: c, intent: {agent: {id: a}, server: s, completion: greeting}, expect: {effect: deny}}
                """);

        assertThat(read).extracting(c -> c.intent().request()).containsExactly(RequestKind.PROMPTS_GET, RequestKind.RESOURCES_READ,
                RequestKind.RESOURCES_SUBSCRIBE, RequestKind.COMPLETION_COMPLETE);
    }

    @Test
    void shouldDecideAnIntentWithoutATimeAtTheClocksTime() throws Exception {
        PolicyCase read = cases.read("cases: [{name: t, intent: {agent: {id: a}, server: s, tool: x}, expect: {effect: deny}}]").get(0);

        assertThat(read.intent().eventTime()).isEqualTo(NOW);
        assertThat(read.rules()).isNull();
    }

    @Test
    void shouldRefuseAnUnknownKeyWithItsPath() {
        assertThatThrownBy(() -> cases.read("""
                cases:
                  - name: typo
                    intent: {agent: {id: a}, server: s, tool: x}
                    expcet: {effect: deny}
                """)).isInstanceOf(CaseException.class).hasMessageStartingWith("line ").hasMessageContaining(": cases[0].expcet: Unrecognized field \"expcet\"");
    }

    @Test
    void shouldRefuseACaseNamingTwoTargets() {
        assertThatThrownBy(() -> cases.read("cases: [{name: two, intent: {agent: {id: a}, server: s, tool: x, prompt: y}, expect: {effect: deny}}]"))
                .hasMessage("cases[0] (two): intent.name exactly one of tool, prompt, resource or completion");
    }

    @Test
    void shouldRefuseAnUnknownEffectATimeThatIsNotISOAndADuplicateName() {
        assertThatThrownBy(() -> cases.read("cases: [{name: e, intent: {agent: {id: a}, server: s, tool: x}, expect: {effect: maybe}}]"))
                .hasMessage("cases[0] (e): expect.effect 'maybe' is not allow, deny or review");
        assertThatThrownBy(() -> cases.read("cases: [{name: t, intent: {agent: {id: a}, server: s, tool: x, time: yesterday}, expect: {effect: deny}}]"))
                .hasMessage("cases[0] (t): intent.time 'yesterday' is not an ISO-8601 UTC time such as 2026-11-23T10:00:00Z");
        assertThatThrownBy(() -> cases.read("""
                cases:
                  - {name: same, intent: {agent: {id: a}, server: s, tool: x}, expect: {effect: deny}}
                  - {name: same, intent: {agent: {id: a}, server: s, tool: y}, expect: {effect: deny}}
                """)).hasMessage("cases[1] (same): another case has this name");
    }

    @Test
    void shouldRefuseAFileWithoutCasesAndHostileShapes() {
        assertThatThrownBy(() -> cases.read("")).hasMessage("no cases: the file needs a list under 'cases'");
        assertThatThrownBy(() -> cases.read("cases: [null]")).isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> cases.read("cases: {a: 1}")).isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> cases.read("cases: [{name: n, intent: {agent: {id: a, groups: [~]}, server: s, tool: x}, expect: {effect: deny}}]"))
                .isInstanceOf(CaseException.class);
        assertThatThrownBy(() -> cases.read("cases: [{name: n, intent: {agent: {id: a}, server: s, tool: x}, counted: {r: -1}, expect: {effect: deny}}]"))
                .hasMessage("cases[0] (n): counted: a count cannot be negative");
    }
}
