package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.model.Rule;
import dev.mcpgw.policy.scan.ArgumentPlace;
import dev.mcpgw.policy.scan.ContentScanner;
import dev.mcpgw.policy.scan.Detector;
import dev.mcpgw.policy.scan.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whatever an agent sends, at whatever time, a fixed policy that scans, constrains with regexes,
 * rate-limits and keeps time windows decides it without an evaluation error, the decision is
 * well-formed, and the redacted arguments keep nothing its detectors flag.
 */
class PolicyEngineFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TOOLS = List.of("read_file", "fetch", "deploy", "send_email", "search", "echo");
    private static final List<Detector> SCANNED = List.of(Detector.SECRETS, Detector.PII, Detector.SHELL_INJECTION);
    /** Event times are the gateway's clock, not the agent's: from 1970 to 2200. */
    private static final long LAST_EVENT_TIME = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
    private static final Policy POLICY = load("""
            version: fuzz-1
            default: deny
            rules:
              - id: no-secrets-out
                effect: deny
                description: credentials never leave
                scan: [secrets, shell_injection]
              - id: pii-needs-a-human
                effect: review
                scan: [pii]
              - id: project-files
                effect: allow
                tools: [read_file]
                arguments:
                  path: {pathPrefix: [/srv/projects], regex: "/srv/projects/[a-z0-9_./-]+"}
                  encoding: {enum: [utf-8, latin-1], required: false}
                  limit: {min: 1, max: 1000, required: false}
                rateLimit: {requests: 5, window: 1m, per: agent+tool}
              - id: github-only
                effect: allow
                tools: [fetch]
                arguments:
                  url: {hosts: ["api.github.com", "*.githubusercontent.com"], maxLength: 200}
              - id: office-hours-deploys
                effect: review
                tools: [deploy]
                when: {timezone: Europe/Paris, days: [mon, tue, wed, thu, fri], hours: "09:00-18:00"}
              - id: night-searches
                effect: allow
                tools: [search]
                when: {timezone: America/New_York, hours: "22:00-06:00"}
                condition:
                  any:
                    - {field: arguments.query, operator: matches, value: "^(a+)+$"}
                    - all:
                        - {field: arguments.lang, operator: in, value: [en, fr]}
                        - not: {field: arguments.page, operator: gt, value: 10}
                        - {field: agent.id, operator: startsWith, value: bot-}
              - id: emails-to-the-team
                effect: allow
                tools: [send_email]
                agents: ["group:staff", "bot-*"]
                condition: {field: arguments.to, operator: endsWith, value: "@example.org"}
                rateLimit: {requests: 3, window: 1h}
            """);

    @FuzzTest(maxDuration = "20s")
    void everyCallIsDecidedWellFormed(FuzzedDataProvider data) {
        String agent = data.consumeBoolean() ? "bot-" + data.consumeString(8) : data.consumeString(16);
        Set<String> groups = data.consumeBoolean() ? Set.of("staff") : Set.of();
        String tool = data.consumeBoolean() ? data.pickValue(TOOLS) : data.consumeString(16);
        Instant eventTime = Instant.ofEpochMilli(data.consumeLong(0, LAST_EVENT_TIME));
        long counted = data.consumeLong(0, 10);
        JsonNode arguments = arguments(data.consumeRemainingAsString());
        ToolIntent intent = new ToolIntent(agent, groups, Map.of(), "srv", tool, arguments, eventTime, Map.of());

        Decision decision = new PolicyEngine().decide(intent, POLICY, key -> counted);

        assertThat(decision.errors()).as("evaluation errors").isEmpty();
        assertThat(decision.effect()).isNotNull();
        assertThat(decision.reasons()).isNotEmpty();
        assertThat(decision.matchedRules()).isSubsetOf(POLICY.rules().stream().map(Rule::id).toList());
        if (decision.effect() == Effect.DENY) {
            assertThat(decision.countedAgainst()).isEmpty();
        }
        JsonNode redacted = Redaction.apply(arguments, decision.redactedArguments());
        assertThat(ContentScanner.scan(redacted, SCANNED)).as("flagged after redaction: %s", redacted).isEmpty();
        if (!decision.redactedArguments().contains(ArgumentPlace.WHOLE)) {
            assertThat(redacted.getNodeType()).as("every flagged place was found").isEqualTo(arguments.getNodeType());
        }
    }

    /** The JSON the agent sent or, when the input is not JSON, the input as one string argument. */
    private static JsonNode arguments(String text) {
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (JsonProcessingException e) {
            // Not JSON: still worth deciding, as text.
        }
        return JsonNodeFactory.instance.objectNode().put("text", text);
    }

    private static Policy load(String yaml) {
        try {
            return new PolicyLoader().load(yaml);
        } catch (PolicyException e) {
            throw new IllegalStateException(e);
        }
    }
}
