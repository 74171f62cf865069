package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import dev.mcpgw.policy.scan.ArgumentPlace;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule applies only when its argument constraints, time window and condition all hold. */
class RuleConditionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant MONDAY_10_PARIS = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant SATURDAY_10_PARIS = Instant.parse("2026-11-21T09:00:00Z");
    private static final String POLICY = """
            version: conditions-1
            default: deny
            rules:
              - id: project-files
                effect: allow
                tools: [read_file]
                arguments:
                  path: {pathPrefix: [/srv/projects]}
                  encoding: {enum: [utf-8, latin-1], required: false}
              - id: github-only
                effect: allow
                tools: [fetch]
                arguments:
                  url: {hosts: [api.github.com]}
                  timeout: {min: 1, max: 30}
              - id: office-hours-deploys
                effect: allow
                tools: [deploy]
                when: {timezone: Europe/Paris, days: [mon, tue, wed, thu, fri], hours: "09:00-18:00"}
              - id: platform-team-restarts
                effect: allow
                tools: [restart]
                condition:
                  all:
                    - {field: agent.attributes.team, operator: eq, value: platform}
                    - not: {field: arguments.force, operator: exists}
              - id: no-secrets-out
                effect: deny
                description: credentials never leave through a tool
                scan: [secrets]
              - id: pii-needs-a-human
                effect: review
                tools: [send_email]
                scan: [pii]
              - id: email-anyone
                effect: allow
                tools: [send_email]
            """;

    private final PolicyEngine engine = new PolicyEngine();
    private final Policy policy = load();

    @Test
    void shouldAllowAPathInsideThePrefix() {
        assertThat(decide("read_file", "{\"path\": \"/srv/projects/a/b.txt\"}", MONDAY_10_PARIS, Map.of()).effect()).isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldSayWhyAnAllowRuleDidNotApplyWhenTheDefaultDenies() {
        Decision decision = decide("read_file", "{\"path\": \"/srv/projects/../../etc/passwd\"}", MONDAY_10_PARIS, Map.of());

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.matchedRules()).isEmpty();
        assertThat(decision.reasons()).containsExactly("no rule matched; policy default is deny",
                "rule project-files does not apply: arguments.path '/srv/projects/../../etc/passwd' (/etc/passwd) is outside /srv/projects");
    }

    @Test
    void shouldDenyWhenARequiredArgumentIsMissing() {
        Decision decision = decide("read_file", "{}", MONDAY_10_PARIS, Map.of());

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.reasons()).contains("rule project-files does not apply: arguments.path is missing");
    }

    @Test
    void shouldCheckAnOptionalArgumentOnlyWhenGiven() {
        assertThat(decide("read_file", "{\"path\": \"/srv/projects/a\", \"encoding\": \"utf-16\"}", MONDAY_10_PARIS, Map.of()).effect())
                .isEqualTo(Effect.DENY);
        assertThat(decide("read_file", "{\"path\": \"/srv/projects/a\", \"encoding\": \"utf-8\"}", MONDAY_10_PARIS, Map.of()).effect())
                .isEqualTo(Effect.ALLOW);
    }

    @Test
    void shouldNeedEveryArgumentConstraintToHold() {
        assertThat(decide("fetch", "{\"url\": \"https://api.github.com/x\", \"timeout\": 10}", MONDAY_10_PARIS, Map.of()).effect())
                .isEqualTo(Effect.ALLOW);
        assertThat(decide("fetch", "{\"url\": \"https://api.github.com/x\", \"timeout\": 60}", MONDAY_10_PARIS, Map.of()).effect())
                .isEqualTo(Effect.DENY);
    }

    @Test
    void shouldJudgeTheTimeWindowOnTheEventTime() {
        assertThat(decide("deploy", "{}", MONDAY_10_PARIS, Map.of()).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide("deploy", "{}", SATURDAY_10_PARIS, Map.of()).reasons())
                .contains("rule office-hours-deploys does not apply: event time Sat 2026-11-21 10:00 CET is outside "
                        + "Mon,Tue,Wed,Thu,Fri 09:00-18:00 Europe/Paris");
    }

    @Test
    void shouldApplyAConditionOnAgentAttributesAndArguments() {
        assertThat(decide("restart", "{}", MONDAY_10_PARIS, Map.of("team", "platform")).effect()).isEqualTo(Effect.ALLOW);
        assertThat(decide("restart", "{\"force\": true}", MONDAY_10_PARIS, Map.of("team", "platform")).effect()).isEqualTo(Effect.DENY);
        assertThat(decide("restart", "{}", MONDAY_10_PARIS, Map.of("team", "sales")).reasons())
                .contains("rule platform-team-restarts does not apply: its condition is not met");
    }

    private Decision decide(String tool, String arguments, Instant eventTime, Map<String, String> attributes) {
        try {
            return engine.decide(new ToolIntent("alice", Set.of(), attributes, "srv", tool, JSON.readTree(arguments), eventTime, Map.of()), policy, RateCounts.NONE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Policy load() {
        try {
            return new PolicyLoader().load(POLICY);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldDenyWhenADetectorFindsASecretAndNameWhereButNotWhat() {
        Decision decision = decide("send_email", "{\"body\": \"use AKIAIOSFODNN7EXAMPLE\"}", MONDAY_10_PARIS, Map.of());

        assertThat(decision.effect()).isEqualTo(Effect.DENY);
        assertThat(decision.matchedRules()).containsExactly("no-secrets-out", "email-anyone");
        assertThat(decision.reasons()).contains("denied by rule no-secrets-out: credentials never leave through a tool "
                + "(found secrets/aws-access-key in arguments/body)");
        assertThat(String.join(" ", decision.reasons())).doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(decision.redactedArguments()).containsExactly(new ArgumentPlace("/body", ArgumentPlace.Part.VALUE));
    }

    @Test
    void shouldSendToReviewWhenTheDetectorOfAReviewRuleFindsSomething() {
        Decision decision = decide("send_email", "{\"to\": \"ada@example.org\"}", MONDAY_10_PARIS, Map.of());

        assertThat(decision.effect()).isEqualTo(Effect.REVIEW);
        assertThat(decision.redactedArguments()).containsExactly(new ArgumentPlace("/to", ArgumentPlace.Part.VALUE));
    }

    @Test
    void shouldIgnoreAScanningRuleWhoseDetectorsFindNothing() {
        Decision decision = decide("send_email", "{\"to\": \"the team\"}", MONDAY_10_PARIS, Map.of());

        assertThat(decision.effect()).isEqualTo(Effect.ALLOW);
        assertThat(decision.matchedRules()).containsExactly("email-anyone");
        assertThat(decision.redactedArguments()).isEmpty();
    }
}
