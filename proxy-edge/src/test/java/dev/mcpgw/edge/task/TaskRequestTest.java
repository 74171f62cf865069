package dev.mcpgw.edge.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.identity.Agent;
import dev.mcpgw.edge.mcp.Cancellation;
import dev.mcpgw.edge.mcp.ClientRequests;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.edge.mcp.method.McpCall;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRequestTest {

    @Test
    void shouldGiveA2025_11_25CallAskingForATaskOneUpFrontWithItsTtl() {
        assertThat(TaskRequest.of(session("2025-11-25", new JsonObject().put("ttl", Duration.ofHours(2).toMillis()))))
                .contains(new TaskRequest(true, Duration.ofHours(2).toMillis()));
    }

    @Test
    void shouldKeepATaskLongerThanAnyReviewWaitsWhateverTheClientAsks() {
        assertThat(TaskRequest.of(session("2025-11-25", new JsonObject().put("ttl", 1000)))).contains(new TaskRequest(true, Duration.ofMinutes(20).toMillis()));
    }

    @Test
    void shouldKeepATaskADayAtMost() {
        assertThat(TaskRequest.of(session("2025-11-25", new JsonObject().put("ttl", Long.MAX_VALUE)))).contains(new TaskRequest(true, Duration.ofDays(1).toMillis()));
    }

    @Test
    void shouldKeepATaskAnHourWhenTheClientNamesNoTtl() {
        assertThat(TaskRequest.of(session("2025-11-25", new JsonObject()))).contains(new TaskRequest(true, Duration.ofHours(1).toMillis()));
    }

    @Test
    void shouldAnswerWithoutATaskARevisionThatHasNoTasks() {
        assertThat(TaskRequest.of(session("2025-06-18", new JsonObject()))).isEmpty();
    }

    @Test
    void shouldRefuseAMalformedTaskParameter() {
        for (Object task : List.of("soon", 5, new JsonObject().put("ttl", "forever"), new JsonObject().put("ttl", 1.5))) {
            assertThatThrownBy(() -> TaskRequest.of(session("2025-11-25", task)))
                    .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
        }
    }

    @Test
    void shouldOfferA2026ClientDeclaringTheExtensionATaskOnlyForAReview() {
        JsonObject capabilities = new JsonObject().put("extensions", new JsonObject().put(TaskRequest.EXTENSION, new JsonObject()));

        assertThat(TaskRequest.of(stateless(capabilities, new JsonObject()))).contains(new TaskRequest(false, Duration.ofHours(1).toMillis()));
    }

    @Test
    void shouldIgnoreTheTaskParameterOfA2026ClientWithoutTheExtension() {
        assertThat(TaskRequest.of(stateless(new JsonObject(), new JsonObject().put("task", new JsonObject())))).isEmpty();
    }

    private static McpCall session(String version, Object task) {
        return call(version, new JsonObject().put("name", "demo__echo").put("task", task), new JsonObject());
    }

    private static McpCall stateless(JsonObject capabilities, JsonObject params) {
        return call("2026-07-28", params.put("name", "demo__echo"), capabilities);
    }

    private static McpCall call(String version, JsonObject params, JsonObject capabilities) {
        return new McpCall(new Agent("alice", List.of(), Map.of(), "key"), 1, "tools/call", params, version, n -> { }, new Cancellation(),
                Map.of(), ClientRequests.declaredOnly(capabilities));
    }
}
