package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RequestEnvelopeTest {
    private static final JsonObject ELICITING = new JsonObject().put("elicitation", new JsonObject());

    @Test
    void shouldTellAStatelessServerTheCapabilitiesOfTheClientTheRequestIsMadeFor() {
        JsonObject params = new JsonObject().put("name", "echo")
                .put("_meta", new JsonObject().put(MetaKeys.CLIENT_CAPABILITIES, new JsonObject().put("sampling", new JsonObject())));

        JsonObject meta = RequestEnvelope.forStateless(params, ClientRequests.declaredOnly(ELICITING)).getJsonObject("_meta");

        assertThat(meta.getJsonObject(MetaKeys.CLIENT_CAPABILITIES)).isEqualTo(ELICITING);
        assertThat(meta.getString(MetaKeys.PROTOCOL_VERSION)).isEqualTo(ProtocolVersions.V2026_07_28);
    }

    @Test
    void shouldKeepTheLogLevelTheRequestNamesItself() {
        JsonObject params = new JsonObject().put("_meta", new JsonObject().put(MetaKeys.LOG_LEVEL, "warning"));

        JsonObject meta = RequestEnvelope.forStateless(params, ClientRequests.declaredOnly(ELICITING)).getJsonObject("_meta");

        assertThat(meta.getString(MetaKeys.LOG_LEVEL)).isEqualTo("warning");
    }

    @Test
    void shouldPassOnNoLogLevelThatIsNotOneOfMcpsLevels() {
        JsonObject params = new JsonObject().put("_meta", new JsonObject().put(MetaKeys.LOG_LEVEL, "verbose\nX-Injected: 1"));

        JsonObject meta = RequestEnvelope.forStateless(params, ClientRequests.declaredOnly(ELICITING)).getJsonObject("_meta");

        assertThat(meta.containsKey(MetaKeys.LOG_LEVEL)).isFalse();
    }

    @Test
    void shouldNameNoLogLevelForAClientThatHearsNone() {
        JsonObject meta = RequestEnvelope.forStateless(new JsonObject(), ClientRequests.declaredOnly(ELICITING)).getJsonObject("_meta");

        assertThat(meta.containsKey(MetaKeys.LOG_LEVEL)).isFalse();
    }

    @Test
    void shouldGiveASessionServerNoneOfTheEnvelopesKeys() {
        JsonObject params = new JsonObject().put("name", "echo").put("_meta", new JsonObject()
                .put(MetaKeys.CLIENT_CAPABILITIES, ELICITING).put(MetaKeys.LOG_LEVEL, "info").put("progressToken", 7));

        assertThat(RequestEnvelope.forSession(params).getJsonObject("_meta")).isEqualTo(new JsonObject().put("progressToken", 7));
    }
}
