package dev.mcpgw.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mcpgw.policy.ToolIntent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode INTENT = IntentDocument.of(new ToolIntent("alice", Set.of("dev", "oncall"), Map.of("team", "platform"),
            "files", "read_file", json("{\"path\": \"/srv/a.txt\", \"size\": 120, \"tags\": [\"x\", \"y\"]}"),
            Instant.parse("2026-11-23T10:00:00Z"), Map.of("sourceIp", "10.1.2.3")));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            tool                    | eq         | "read_file"               | true
            tool                    | neq        | "read_file"               | false
            agent.id                | in         | ["bob", "alice"]          | true
            agent.id                | notIn      | ["bob", "alice"]          | false
            agent.groups            | contains   | "oncall"                  | true
            agent.attributes.team   | eq         | "platform"                | true
            context.sourceIp        | startsWith | "10."                     | true
            arguments.path          | endsWith   | ".txt"                    | true
            arguments.path          | matches    | "^/srv/"                  | true
            arguments.size          | gt         | 100                       | true
            arguments.size          | gte        | 120.0                     | true
            arguments.size          | lt         | 120                       | false
            arguments.size          | lte        | 120                       | true
            arguments.size          | gt         | "100"                     | false
            arguments.tags          | contains   | "y"                       | true
            time                    | gte        | "2026-11-23T09:00:00Z"    | true
            arguments.missing       | neq        | "x"                       | false
            arguments.missing       | notIn      | ["x"]                     | false
            arguments.missing       | exists     | true                      | false
            arguments.missing       | exists     | false                     | true
            arguments.path          | exists     | true                      | true
            action.type             | eq         | "mcp.read_file"           | true
            action.parameters.path  | eq         | "/srv/a.txt"              | true
            principal.id            | eq         | "alice"                   | true
            principal.roles         | contains   | "dev"                     | true
            """)
    void shouldCompareAFieldOfTheIntent(String field, String operator, String value, boolean expected) {
        assertThat(Condition.Leaf.of(field, Operator.of(operator), json(value)).test(INTENT)).isEqualTo(expected);
    }

    @Test
    void shouldCombineConditionsWithAllAnyAndNot() {
        Condition platform = Condition.Leaf.of("agent.attributes.team", Operator.EQ, json("\"platform\""));
        Condition bob = Condition.Leaf.of("agent.id", Operator.EQ, json("\"bob\""));

        assertThat(new Condition.All(List.of(platform, new Condition.Not(bob))).test(INTENT)).isTrue();
        assertThat(new Condition.All(List.of(platform, bob)).test(INTENT)).isFalse();
        assertThat(new Condition.Any(List.of(bob, platform)).test(INTENT)).isTrue();
    }
}
