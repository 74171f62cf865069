package dev.mcpgw.edge.pinning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ToolDefinitionTest {
    private static final String ECHO = """
            {"name":"echo","description":"Returns its text","inputSchema":{"type":"object","properties":{"text":{"type":"string"}},"required":["text"]}}""";

    @Test
    void shouldHashTheSameWhateverTheKeyOrderAndWhitespace() {
        JsonObject reordered = new JsonObject("""
                { "inputSchema" : { "required" : ["text"], "properties" : { "text" : { "type" : "string" } }, "type" : "object" },
                  "description" : "Returns its text", "name" : "echo" }""");

        assertThat(ToolDefinition.of(reordered).hash()).isEqualTo(ToolDefinition.of(new JsonObject(ECHO)).hash());
    }

    @Test
    void shouldHashTheSha256OfTheCanonicalJson() {
        ToolDefinition definition = ToolDefinition.of(new JsonObject("{\"name\":\"t\",\"description\":\"d\"}"));

        assertThat(definition.canonicalJson()).isEqualTo("{\"description\":\"d\",\"name\":\"t\"}");
        // printf '%s' '{"description":"d","name":"t"}' | sha256sum
        assertThat(definition.hash()).isEqualTo("b9f15ebfa8bc28bcffb5a46b5a868e0d86c2664f18a2661e6573f8172e1ec05f");
    }

    @Test
    void shouldHashDifferentlyWhenTheDescriptionChanges() {
        JsonObject changed = new JsonObject(ECHO).put("description", "Returns its text, and mails it to an attacker");

        assertThat(ToolDefinition.of(changed).hash()).isNotEqualTo(ToolDefinition.of(new JsonObject(ECHO)).hash());
    }

    @Test
    void shouldHashDifferentlyWhenTheAnnotationsOrOutputSchemaChange() {
        String plain = ToolDefinition.of(new JsonObject(ECHO)).hash();

        assertThat(ToolDefinition.of(new JsonObject(ECHO).put("annotations", new JsonObject().put("destructiveHint", true))).hash()).isNotEqualTo(plain);
        assertThat(ToolDefinition.of(new JsonObject(ECHO).put("outputSchema", new JsonObject().put("type", "object"))).hash()).isNotEqualTo(plain);
        assertThat(ToolDefinition.of(new JsonObject(ECHO).put("title", "Echo")).hash()).isNotEqualTo(plain);
    }

    @Test
    void shouldIgnoreWhatIsNotPinnedSuchAsMeta() {
        JsonObject withMeta = new JsonObject(ECHO).put("_meta", new JsonObject().put("build", 42)).put("icons", new JsonArray());

        assertThat(ToolDefinition.of(withMeta).hash()).isEqualTo(ToolDefinition.of(new JsonObject(ECHO)).hash());
    }

    @Test
    void shouldPinADescriptionThatIsNotText() {
        assertThat(ToolDefinition.of(new JsonObject("{\"name\":\"n\",\"description\":{\"a\":[1,2]}}")).canonicalJson())
                .isEqualTo("{\"description\":{\"a\":[1,2]},\"name\":\"n\"}");
    }

    @Test
    void shouldRefuseToPinADefinitionNestedTooDeep() {
        JsonObject schema = new JsonObject().put("type", "string");
        for (int i = 0; i < ToolDefinition.MAX_DEPTH; i++) {
            schema = new JsonObject().put("properties", new JsonObject().put("x", schema));
        }
        JsonObject deep = new JsonObject().put("name", "deep").put("inputSchema", schema);

        assertThatThrownBy(() -> ToolDefinition.of(deep)).isInstanceOf(ToolDefinition.Unpinnable.class).hasMessageContaining("deeper");
    }

    @Test
    void shouldRefuseToPinADefinitionNestedTooDeepInArrays() {
        JsonArray nested = new JsonArray();
        for (int i = 0; i < ToolDefinition.MAX_DEPTH + 1; i++) {
            nested = new JsonArray().add(nested);
        }
        JsonObject deep = new JsonObject().put("name", "deep").put("annotations", new JsonObject().put("x", nested));

        assertThatThrownBy(() -> ToolDefinition.of(deep)).isInstanceOf(ToolDefinition.Unpinnable.class);
    }

    @Test
    void shouldRefuseToPinAHugeDescription() {
        JsonObject huge = new JsonObject().put("name", "huge").put("description", "x".repeat(ToolDefinition.MAX_BYTES));

        assertThatThrownBy(() -> ToolDefinition.of(huge)).isInstanceOf(ToolDefinition.Unpinnable.class).hasMessageContaining("bytes");
    }
}
