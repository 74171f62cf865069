package dev.mcpgw.policy.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldReplaceFlaggedValuesInObjectsAndArraysAndLeaveTheOriginalAlone() throws Exception {
        JsonNode arguments = JSON.readTree("{\"a\": \"secret\", \"b\": {\"env\": [\"ok\", \"secret\"]}, \"c\": 1}");

        JsonNode redacted = Redaction.apply(arguments, List.of("a", "b.env.1"));

        assertThat(redacted.toString()).isEqualTo(
                "{\"a\":\"[redacted by the gateway]\",\"b\":{\"env\":[\"ok\",\"[redacted by the gateway]\"]},\"c\":1}");
        assertThat(arguments.get("a").textValue()).isEqualTo("secret");
    }
}
