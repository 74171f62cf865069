package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What per-agent discovery shows: everything a call could be allowed or reviewed for, nothing denied outright. */
class DiscoveryTest {
    private static final Policy POLICY = load("""
            version: discovery-1
            default: deny
            rules:
              - id: everyone-reads
                effect: allow
                tools: [read_file, list_*]
              - id: interns-never-delete
                effect: deny
                agents: ["group:interns"]
                tools: [delete_file]
              - id: deletes-in-tmp
                effect: allow
                tools: [delete_file]
                arguments:
                  path: {pathPrefix: [/tmp]}
              - id: no-reads-for-bob
                effect: deny
                agents: [bob]
                tools: [read_file]
              - id: secrets-never-leave
                effect: deny
                tools: [list_*]
                scan: [secrets]
              - id: deploys-reviewed
                effect: review
                agents: [alice]
                tools: [deploy]
              - id: greeting
                effect: allow
                prompts: [greet]
            """);

    @Test
    void aToolAllowedByNameIsShown() {
        assertThat(tool("alice", Set.of(), "read_file")).isTrue();
    }

    @Test
    void aToolDeniedByNameForThisAgentIsHiddenFromItAlone() {
        assertThat(tool("bob", Set.of(), "read_file")).isFalse();
        assertThat(tool("alice", Set.of(), "read_file")).isTrue();
    }

    @Test
    void aToolDeniedForAGroupIsHiddenFromItsMembers() {
        assertThat(tool("carol", Set.of("interns"), "delete_file")).isFalse();
        assertThat(tool("carol", Set.of(), "delete_file")).isTrue();
    }

    @Test
    void aToolAllowedOnlyUnderArgumentConstraintsIsShown() {
        assertThat(tool("alice", Set.of(), "delete_file")).isTrue();
    }

    @Test
    void aDenyRuleThatAppliesOnlyToSomeCallsDoesNotHideTheTool() {
        assertThat(tool("alice", Set.of(), "list_dir")).isTrue();
    }

    @Test
    void aToolSentToReviewIsShown() {
        assertThat(tool("alice", Set.of(), "deploy")).isTrue();
    }

    @Test
    void aToolNoRuleAllowsUnderADenyingDefaultIsHidden() {
        assertThat(tool("alice", Set.of(), "shutdown")).isFalse();
        assertThat(tool("bob", Set.of(), "deploy")).isFalse();
    }

    @Test
    void aToolNoRuleDeniesUnderAnAllowingDefaultIsShown() {
        Policy open = load("""
                version: open
                default: allow
                rules:
                  - id: no-shutdown
                    effect: deny
                    tools: [shutdown]
                """);
        assertThat(Discovery.couldAllow(open, "alice", Set.of(), "demo", RequestKind.TOOLS_CALL, "anything")).isTrue();
        assertThat(Discovery.couldAllow(open, "alice", Set.of(), "demo", RequestKind.TOOLS_CALL, "shutdown")).isFalse();
    }

    @Test
    void promptsAreJudgedByTheRulesAboutPrompts() {
        assertThat(Discovery.couldAllow(POLICY, "alice", Set.of(), "demo", RequestKind.PROMPTS_GET, "greet")).isTrue();
        assertThat(Discovery.couldAllow(POLICY, "alice", Set.of(), "demo", RequestKind.PROMPTS_GET, "read_file")).isFalse();
    }

    private static boolean tool(String agent, Set<String> groups, String tool) {
        return Discovery.couldAllow(POLICY, agent, groups, "demo", RequestKind.TOOLS_CALL, tool);
    }

    private static Policy load(String yaml) {
        try {
            return new PolicyLoader().load(yaml);
        } catch (PolicyException e) {
            throw new IllegalStateException(e);
        }
    }
}
