package dev.mcpgw.edge.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.JsonRpc;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Which task status notifications a session's standalone stream carries: those of the tasks its own calls became, no other. */
class McpSessionTaskStatusTest {
    private final McpSession session = new McpSession("s-1", "alice", "2025-11-25", new JsonObject(), System::nanoTime);

    @Test
    void shouldCarryTheStatusOfATaskItsOwnCallBecame() {
        session.gave("task-a");

        assertThat(session.wants(status("task-a"))).isTrue();
    }

    @Test
    void shouldNotCarryTheStatusOfAnotherSessionsTaskOfTheSameAgent() {
        session.gave("task-a");

        assertThat(session.wants(status("task-b"))).isFalse();
    }

    @Test
    void shouldNotCarryAStatusNotificationWhoseTaskIdIsMissingOrNoString() {
        session.gave("task-a");

        assertThat(session.wants(JsonRpc.notification("notifications/tasks/status", null))).isFalse();
        assertThat(session.wants(JsonRpc.notification("notifications/tasks/status", new JsonObject().put("taskId", new JsonArray().add("task-a")))))
                .isFalse();
    }

    private static JsonObject status(String taskId) {
        return JsonRpc.notification("notifications/tasks/status", new JsonObject().put("taskId", taskId).put("status", "completed"));
    }
}
