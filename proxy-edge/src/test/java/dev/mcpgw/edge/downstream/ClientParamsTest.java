package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.McpMethods;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientParamsTest {
    private static final JsonObject ARGUMENTS = new JsonObject().put("path", "/tmp/a");

    @Test
    void shouldKeepEveryFieldMcpDefinesForAToolCall() {
        JsonObject params = new JsonObject().put("name", "read").put("arguments", ARGUMENTS.copy())
                .put("inputResponses", new JsonObject().put("ask", new JsonObject())).put("requestState", "opaque");

        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of())).isEqualTo(params);
    }

    @Test
    void shouldLeaveOutAFieldTheMethodDoesNotHave() {
        JsonObject params = new JsonObject().put("name", "read").put("arguments", ARGUMENTS.copy()).put("extra", "sk-live-1");

        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of()).fieldNames()).containsExactlyInAnyOrder("name", "arguments");
    }

    @Test
    void shouldKeepTheFieldsOfAResourceReadAndACompletion() {
        JsonObject read = new JsonObject().put("uri", "file:///a").put("name", "not a field of resources/read");
        JsonObject complete = new JsonObject().put("ref", new JsonObject().put("type", "ref/prompt").put("name", "p"))
                .put("argument", new JsonObject().put("name", "a").put("value", "b")).put("context", new JsonObject()).put("uri", "x")
                .put("inputResponses", new JsonObject()).put("requestState", "not a round of a completion");

        assertThat(ClientParams.forServer(McpMethods.RESOURCES_READ, read, Set.of()).fieldNames()).containsExactly("uri");
        assertThat(ClientParams.forServer(McpMethods.COMPLETE, complete, Set.of()).fieldNames())
                .containsExactlyInAnyOrder("ref", "argument", "context");
    }

    @Test
    void shouldKeepNoFieldButMetaOfAMethodItDoesNotKnow() {
        JsonObject params = new JsonObject().put("cursor", "c").put("_meta", new JsonObject().put(MetaKeys.PROGRESS_TOKEN, 7));

        assertThat(ClientParams.forServer("vendor/method", params, Set.of()))
                .isEqualTo(new JsonObject().put("_meta", new JsonObject().put(MetaKeys.PROGRESS_TOKEN, 7)));
    }

    @Test
    void shouldKeepTheMetaKeysMcpAndTraceContextDefine() {
        JsonObject meta = new JsonObject().put(MetaKeys.PROTOCOL_VERSION, "2026-07-28").put(MetaKeys.CLIENT_INFO, new JsonObject())
                .put(MetaKeys.CLIENT_CAPABILITIES, new JsonObject()).put(MetaKeys.LOG_LEVEL, "info").put(MetaKeys.PROGRESS_TOKEN, "p")
                .put(MetaKeys.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01").put(MetaKeys.TRACESTATE, "v=1");

        JsonObject kept = ClientParams.forServer(McpMethods.TOOLS_CALL, new JsonObject().put("name", "t").put("_meta", meta.copy()), Set.of());

        assertThat(kept.getJsonObject("_meta")).isEqualTo(meta);
    }

    @Test
    void shouldLeaveOutAMetaKeyNobodyLetThrough() {
        JsonObject params = new JsonObject().put("name", "t")
                .put("_meta", new JsonObject().put("vendor/credential", "sk-live-1").put(MetaKeys.PROGRESS_TOKEN, "p"));

        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of()).getJsonObject("_meta").fieldNames())
                .containsExactly(MetaKeys.PROGRESS_TOKEN);
    }

    @Test
    void shouldKeepAMetaKeyTheServersConfigLetsThrough() {
        JsonObject params = new JsonObject().put("name", "t").put("_meta", new JsonObject().put("vendor/locale", "fr").put("vendor/other", 1));

        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of("vendor/locale")).getJsonObject("_meta"))
                .isEqualTo(new JsonObject().put("vendor/locale", "fr"));
    }

    @Test
    void shouldLeaveOutAMetaThatIsNotAnObject() {
        JsonObject params = new JsonObject().put("name", "t").put("_meta", new JsonArray().add("sk-live-1"));

        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of()).containsKey("_meta")).isFalse();
    }

    @Test
    void shouldCopySoThatChangingWhatIsSentLeavesTheClientsRequestAsItWas() {
        JsonObject params = new JsonObject().put("name", "t").put("arguments", ARGUMENTS.copy())
                .put("_meta", new JsonObject().put(MetaKeys.PROGRESS_TOKEN, "p"));

        JsonObject sent = ClientParams.forServer(McpMethods.TOOLS_CALL, params, Set.of());
        sent.getJsonObject("arguments").put("path", "/etc");
        sent.getJsonObject("_meta").put(MetaKeys.PROGRESS_TOKEN, "gateway");

        assertThat(params.getJsonObject("arguments")).isEqualTo(ARGUMENTS);
        assertThat(params.getJsonObject("_meta").getString(MetaKeys.PROGRESS_TOKEN)).isEqualTo("p");
    }

    @Test
    void shouldSendAnEmptyObjectForNoParams() {
        assertThat(ClientParams.forServer(McpMethods.TOOLS_CALL, null, Set.of())).isEqualTo(new JsonObject());
    }
}
