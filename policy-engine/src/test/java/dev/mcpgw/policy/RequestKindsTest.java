package dev.mcpgw.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.load.PolicyException;
import dev.mcpgw.policy.load.PolicyLoader;
import dev.mcpgw.policy.model.Policy;
import dev.mcpgw.policy.ratelimit.RateCounts;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One policy decides every request that reaches a server: tool calls, prompts, resources and completions. */
class RequestKindsTest {
    private static final String TOOLS_ONLY = """
            default: deny
            rules:
              - id: tools
                effect: allow
                tools: ["*"]
              - id: no-secrets-out
                effect: deny
                scan: [secrets]
            """;
    private static final String EVERY_KIND = """
            default: deny
            rules:
              - id: greetings
                effect: allow
                prompts: ["greet*"]
              - id: project-files
                effect: allow
                resources: ["file:///*"]
                arguments:
                  uri: {pathPrefix: [/srv/projects]}
              - id: no-mallory
                effect: deny
                prompts: [greeting]
                arguments:
                  who: {enum: [Mallory]}
              - id: reads-only
                effect: deny
                requests: [resources/subscribe]
              - id: everyone-may-echo
                effect: allow
                requests: [tools/call]
                tools: [echo]
            """;

    private final PolicyEngine engine = new PolicyEngine();

    @Test
    void shouldDecideAToolsOnlyPolicysPromptsAndResourcesByItsDefault() {
        Policy policy = load(TOOLS_ONLY);

        assertThat(decide(policy, RequestKind.TOOLS_CALL, "anything", "{}").effect()).isEqualTo(Effect.ALLOW);
        Decision prompt = decide(policy, RequestKind.PROMPTS_GET, "anything", "{}");
        assertThat(prompt.effect()).isEqualTo(Effect.DENY);
        assertThat(prompt.reasons()).containsExactly("no rule matched; policy default is deny");
        assertThat(decide(policy, RequestKind.RESOURCES_READ, "file:///srv/a", "{\"uri\": \"file:///srv/a\"}").effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldApplyARuleThatNamesNoTargetToEveryKindOfRequest() {
        Decision decision = decide(load(TOOLS_ONLY), RequestKind.PROMPTS_GET, "summarise",
                "{\"text\": \"key AKIAIOSFODNN7EXAMPLE\"}");

        assertThat(decision.matchedRules()).containsExactly("no-secrets-out");
    }

    @Test
    void shouldMatchPromptsByNameAndTheirArgumentsByConstraint() {
        Policy policy = load(EVERY_KIND);

        assertThat(decide(policy, RequestKind.PROMPTS_GET, "greeting", "{\"who\": \"Ada\"}").matchedRules()).containsExactly("greetings");
        assertThat(decide(policy, RequestKind.PROMPTS_GET, "greeting", "{\"who\": \"Mallory\"}").effect()).isEqualTo(Effect.DENY);
        assertThat(decide(policy, RequestKind.PROMPTS_GET, "farewell", "{}").effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldNotLetAPromptOrToolRuleAllowAToolOrPromptOfTheSameName() {
        Policy policy = load(EVERY_KIND);

        assertThat(decide(policy, RequestKind.TOOLS_CALL, "greeting", "{}").effect()).isEqualTo(Effect.DENY);
        assertThat(decide(policy, RequestKind.PROMPTS_GET, "echo", "{}").effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldHoldResourceUrisToTheArgumentConstraints() {
        Policy policy = load(EVERY_KIND);

        assertThat(read(policy, "file:///srv/projects/readme.md").effect()).isEqualTo(Effect.ALLOW);
        Decision escape = read(policy, "file:///srv/projects/../../etc/passwd");
        assertThat(escape.effect()).isEqualTo(Effect.DENY);
        assertThat(escape.reasons()).anySatisfy(r -> assertThat(r).startsWith("rule project-files does not apply: arguments.uri"));
    }

    @Test
    void shouldLetARuleNameTheKindsOfRequestItIsAbout() {
        Decision subscribe = decide(load(EVERY_KIND), RequestKind.RESOURCES_SUBSCRIBE, "file:///srv/projects/a",
                "{\"uri\": \"file:///srv/projects/a\"}");

        assertThat(subscribe.effect()).isEqualTo(Effect.DENY);
        assertThat(subscribe.matchedRules()).containsExactly("project-files", "reads-only");
    }

    @Test
    void shouldDecideACompletionByThePromptOrResourceTemplateItCompletes() {
        Policy policy = load(EVERY_KIND);

        assertThat(decide(policy, RequestKind.COMPLETION_COMPLETE, "greeting",
                "{\"ref\": {\"type\": \"ref/prompt\", \"name\": \"greeting\"}, \"argument\": {\"name\": \"who\", \"value\": \"A\"}}")
                .matchedRules()).containsExactly("greetings");
        assertThat(decide(policy, RequestKind.COMPLETION_COMPLETE, "greeting",
                "{\"ref\": {\"type\": \"ref/resource\", \"uri\": \"greeting\"}, \"argument\": {\"name\": \"x\", \"value\": \"\"}}")
                .effect()).isEqualTo(Effect.DENY);
    }

    @Test
    void shouldOfferTheRequestAndAnUnmistakableActionTypeToConditions() {
        Policy policy = load("""
                default: deny
                rules:
                  - id: prompts-by-condition
                    effect: allow
                    condition:
                      all:
                        - {field: request, operator: eq, value: prompts/get}
                        - {field: action.type, operator: eq, value: "prompts/get:greeting"}
                  - id: compatible-tool-rule
                    effect: allow
                    condition: {field: action.type, operator: eq, value: mcp.greeting}
                """);

        assertThat(decide(policy, RequestKind.PROMPTS_GET, "greeting", "{}").matchedRules()).containsExactly("prompts-by-condition");
        assertThat(decide(policy, RequestKind.TOOLS_CALL, "greeting", "{}").matchedRules()).containsExactly("compatible-tool-rule");
    }

    @Test
    void shouldRefuseAnUnknownOrEmptyListOfRequests() {
        assertThatThrownBy(() -> new PolicyLoader().load("default: deny\nrules:\n  - id: r\n    effect: allow\n    requests: [tools/list]\n"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("rules[0].requests: unknown request 'tools/list'")));
        assertThatThrownBy(() -> new PolicyLoader().load("default: deny\nrules:\n  - id: r\n    effect: allow\n    requests: []\n"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems()).anySatisfy(p -> assertThat(p)
                        .contains("rules[0].requests: an empty list of requests never matches")));
    }

    private Decision read(Policy policy, String uri) {
        return decide(policy, RequestKind.RESOURCES_READ, uri, "{\"uri\": \"" + uri + "\"}");
    }

    private Decision decide(Policy policy, RequestKind kind, String target, String arguments) {
        return engine.decide(new ToolIntent("alice", Set.of(), Map.of(), "demo", target, json(arguments), Instant.EPOCH, Map.of(), kind),
                policy, RateCounts.NONE);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Policy load(String yaml) {
        try {
            return new PolicyLoader().load(yaml);
        } catch (PolicyException e) {
            throw new AssertionError(e);
        }
    }
}
