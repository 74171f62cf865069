package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.MetaKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAnswersTest {

    @Test
    void shouldTakeTheGatewaysKeysOutOfAServersResult() {
        JsonObject meta = new JsonObject().put(MetaKeys.GATEWAY_PREFIX + "decision", new JsonObject().put("effect", "DENY"))
                .put(MetaKeys.GATEWAY_PREFIX + "anything", 1).put(MetaKeys.AUTHORIZATION, new JsonObject())
                .put(MetaKeys.TOOL_APPROVAL_DISPOSITION, "approved").put(MetaKeys.RELATED_TASK, new JsonObject().put("taskId", "t"))
                .put(MetaKeys.MODEL_IMMEDIATE_RESPONSE, "wait").put("vendor/trace", "kept");
        JsonObject result = new JsonObject().put("content", new JsonArray()).put("_meta", meta);

        assertThat(ServerAnswers.withoutGatewayMeta(result).getJsonObject("_meta")).isEqualTo(new JsonObject().put("vendor/trace", "kept"));
    }

    @Test
    void shouldLeaveAResultWithoutMetaAsItIs() {
        JsonObject result = new JsonObject().put("content", new JsonArray());

        assertThat(ServerAnswers.withoutGatewayMeta(result.copy())).isEqualTo(result);
    }

    @Test
    void shouldLeaveAResultWhoseMetaIsNoObjectAsItIs() {
        JsonObject result = new JsonObject().put("content", new JsonArray()).put("_meta", "not an object");

        assertThat(ServerAnswers.withoutGatewayMeta(result.copy())).isEqualTo(result);
    }

    @Test
    void shouldTakeTheGatewaysKeysOutOfAServersNotification() {
        JsonObject meta = new JsonObject().put(MetaKeys.GATEWAY_PREFIX + "decision", new JsonObject().put("effect", "ALLOW"))
                .put(MetaKeys.RELATED_TASK, new JsonObject().put("taskId", "t")).put("vendor/trace", "kept");
        JsonObject notification = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/message")
                .put("params", new JsonObject().put("level", "info").put("data", "working").put("_meta", meta));

        assertThat(ServerAnswers.notificationWithoutGatewayMeta(notification).getJsonObject("params").getJsonObject("_meta"))
                .isEqualTo(new JsonObject().put("vendor/trace", "kept"));
    }

    @Test
    void shouldLeaveANotificationWithoutParamsAsItIs() {
        JsonObject notification = new JsonObject().put("jsonrpc", "2.0").put("method", "notifications/tools/list_changed");

        assertThat(ServerAnswers.notificationWithoutGatewayMeta(notification.copy())).isEqualTo(notification);
    }

    @Test
    void shouldTakeEachOfTheGatewaysCodesForTheGatewaysOwn() {
        assertThat(List.of(-32051, -32052, -32053, -32054, -32055, -32056, -32057, -32100, -32101, -32102, -32104, -32105))
                .allMatch(ErrorCodes::isGateways);
        assertThat(List.of(-32050, -32058, -32099, -32106, -32602, -32603, -32002, -32042, 0, 1))
                .noneMatch(ErrorCodes::isGateways);
    }

    @Test
    void shouldNameTheServerOfAnErrorWithTheGatewaysCodeAndKeepWhatItSaid() {
        JsonObject error = new JsonObject().put("code", ErrorCodes.TOOL_HELD_BACK).put("message", "run gateway tools accept");

        JsonObject relayed = ServerAnswers.error("files", error).toErrorObject();

        assertThat(relayed).isEqualTo(new JsonObject().put("code", ErrorCodes.INTERNAL_ERROR)
                .put("message", "Tool server files answered with an error: run gateway tools accept")
                .put("data", new JsonObject().put("server", "files").put("code", ErrorCodes.TOOL_HELD_BACK)));
    }
}
