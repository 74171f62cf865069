package dev.mcpgw.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.policy.Effect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyLoaderTest {
    private final PolicyLoader loader = new PolicyLoader();

    @Test
    void shouldDefaultToDenyWhenNoDefaultIsGiven() throws Exception {
        assertThat(loader.load("rules: []").defaultEffect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldGiveTheSameVersionToTheSamePolicyWrittenDifferently() throws Exception {
        String a = loader.load("default: deny\nrules: [{id: r, effect: allow, tools: [x]}]").version();
        String b = loader.load("rules:\n  - tools: [x]\n    effect: allow\n    id: r\ndefault: deny\n").version();

        assertThat(a).isEqualTo(b).hasSize(64);
    }

    @Test
    void shouldGiveDifferentVersionsToDifferentPolicies() throws Exception {
        assertThat(loader.load("default: deny").version()).isNotEqualTo(loader.load("default: allow").version());
    }

    @Test
    void shouldReportUnknownKeysWithLineAndColumn() {
        assertThatThrownBy(() -> loader.load("default: deny\nrules:\n  - id: r\n    effect: allow\n    tool: [x]\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line ")
                .hasMessageContaining("rules[0].tool");
    }

    @Test
    void shouldReportBadYamlWithLineAndColumn() {
        assertThatThrownBy(() -> loader.load("default: deny\nrules: [\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("line ");
    }

    @Test
    void shouldRejectUnknownEffectsAndDuplicateIds() {
        assertThatThrownBy(() -> loader.load("rules: [{id: a, effect: maybe}, {id: a, effect: allow}]"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems()).containsExactly(
                        "line 1, column 17: rules[0].effect: unknown effect 'maybe' (allow, deny or review)",
                        "line 1, column 34: rules[1].id: duplicate rule id a"));
    }

    @Test
    void shouldRejectReviewAsTheDefault() {
        assertThatThrownBy(() -> loader.load("default: review")).hasMessageContaining("default: must be allow or deny");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            arguments: {path: {regex: "[a-"}}                                | line 5, column 24: rules[0].arguments.path.regex: RE2 cannot run this pattern: error parsing regexp: missing closing ]: `[a-`
            arguments: {path: {regex: "(?!x)y"}}                             | line 5, column 24: rules[0].arguments.path.regex: RE2 cannot run this pattern: error parsing regexp: invalid or unsupported Perl syntax: `(?!`
            arguments: {path: {regex: '(a)\\1'}}                             | line 5, column 24: rules[0].arguments.path.regex: RE2 cannot run this pattern: error parsing regexp: invalid escape sequence: `\\1`
            arguments: {path: {pathPrefix: [relative/dir]}}                  | line 5, column 24: rules[0].arguments.path.pathPrefix: path prefix 'relative/dir' is not an absolute path
            arguments: {path: {min: 5, max: 1}}                              | line 5, column 24: rules[0].arguments.path.min: min 5 is greater than max 1
            arguments: {path: {maxLen: 5}}                                   | line 5, column 34: rules[0].arguments.path.maxLen: Unrecognized field "maxLen"
            when: {timezone: Mars/Olympus}                                   | line 5, column 12: rules[0].when.timezone: unknown time zone 'Mars/Olympus'
            when: {timezone: UTC, hours: "09:00-09:00"}                      | line 5, column 27: rules[0].when.hours: the hours 09:00-09:00 are empty
            when: {timezone: UTC, hours: "25:00-26:00"}                      | line 5, column 27: rules[0].when.hours: '25:00-26:00' is not a time of day
            when: {timezone: UTC, days: [mon, funday]}                       | line 5, column 39: rules[0].when.days[1]: unknown day 'funday'
            when: {timezone: UTC, days: []}                                  | line 5, column 27: rules[0].when.days: an empty list of days never matches
            when: {days: [mon]}                                              | line 5, column 5: rules[0].when: timezone is required
            condition: {field: tool, operator: like, value: x}               | line 5, column 30: rules[0].condition.operator: unknown operator 'like'
            condition: {field: tool, operator: matches, value: "(("}         | line 5, column 49: rules[0].condition.value: RE2 cannot run this pattern: error parsing regexp: missing closing ): `((`
            condition: {field: tool, operator: matches, value: "a(?<=b)"}    | line 5, column 49: rules[0].condition.value: RE2 cannot run this pattern: error parsing regexp: invalid named capture: `(?<=b)`
            condition: {all: [{field: tool, operator: eq}]}                  | line 5, column 37: rules[0].condition.all[0].operator: operator eq needs a value
            condition: {any: []}                                             | line 5, column 5: rules[0].condition: any must be the only key
            condition: {field: tool, op: eq, value: x}                       | line 5, column 30: rules[0].condition.op: unknown key 'op'
            scan: [secrets, passwords]                                       | line 5, column 21: rules[0].scan[1]: unknown detector 'passwords'
            scan: [secrets]                                                  | line 5, column 5: rules[0].scan: a scanning rule must deny or review
            scan: [~]                                                        | line 5, column 12: rules[0].scan[0]: Invalid `null` value
            when: {timezone: UTC, days: [mon, null]}                         | line 5, column 39: rules[0].when.days[1]: Invalid `null` value
            """)
    void shouldReportAnInvalidRulePartAtItsLineAndColumn(String rulePart, String expected) {
        String policy = "default: deny\nrules:\n  - id: r\n    effect: allow\n    " + rulePart + "\n";

        assertThatThrownBy(() -> loader.load(policy))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems()).anySatisfy(p -> assertThat(p).startsWith(expected)));
    }
}
