package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A policy's regular expressions are held to what RE2/J can compile safely, before it compiles
 * them: a policy comes from gateway.policy, which every edge and decision stream reads, so one that
 * overflowed a stack or the heap there would stop them all.
 */
class RegexLimitsTest {
    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void shouldRefuseARegexNestedDeeperThanTheLimitInsteadOfOverflowingTheStack() {
        String deep = "(".repeat(5000) + "a" + ")".repeat(5000);

        assertThatThrownBy(() -> loader.load(argumentRegex(deep)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("rules[0].arguments.text.regex: the pattern nests groups 5000 deep; at most 100");
    }

    @Test
    void shouldRefuseARepetitionWithinARepetitionInsteadOfRunningOutOfHeap() {
        assertThatThrownBy(() -> loader.load(argumentRegex("((a{1000}){1000}){1000}")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("rules[0].arguments.text.regex: the pattern would compile to about")
                .hasMessageContaining("at most 20000");
    }

    @Test
    void shouldHoldAMatchesConditionToTheSameLimits() {
        String policy = """
                rules:
                  - id: r
                    effect: allow
                    tools: [echo]
                    condition: {field: arguments.text, operator: matches, value: "(?:(?:a{100}){100}){100}"}
                """;

        assertThatThrownBy(() -> loader.load(policy)).isInstanceOf(PolicyException.class).hasMessageContaining("would compile to about");
    }

    @Test
    void shouldRefuseManyPatternsThatTogetherExceedTheBudgetThoughEachIsWithinItsLimit() throws Exception {
        StringBuilder arguments = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            arguments.append("      a").append(i).append(": {regex: \"(?:[a-z]{1,100}){150}\"}\n");
        }
        String many = "rules:\n  - id: r\n    effect: allow\n    tools: [echo]\n    arguments:\n" + arguments;

        loader.load(argumentRegex("(?:[a-z]{1,100}){150}"));
        assertThatThrownBy(() -> loader.load(many))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("the policy's regular expressions would compile to more than 200000 instructions together");
    }

    @Test
    void shouldLoadTheLongPatternsRealPoliciesUse() throws Exception {
        loader.load(argumentRegex("(?:[a-z0-9-]{1,63}\\\\.){1,127}[a-z]{2,63}"));
        loader.load(argumentRegex("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}\\\\.[A-Za-z]{2,63}"));
        loader.load(argumentRegex("\\\\d{1,1000}"));
    }

    private static String argumentRegex(String regex) {
        return "rules:\n  - id: r\n    effect: allow\n    tools: [echo]\n    arguments:\n      text: {regex: \"" + regex + "\"}\n";
    }
}
