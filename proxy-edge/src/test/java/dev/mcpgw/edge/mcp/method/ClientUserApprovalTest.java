package dev.mcpgw.edge.mcp.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.schemas.Intent;
import dev.mcpgw.testsupport.SampleIntents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the calling client's user's answer to the approval request means; a hostile answer is no verdict, never a crash. */
class ClientUserApprovalTest {

    @Test
    void shouldApproveOnlyOnAnAcceptedApprove() {
        assertThat(ClientUserApproval.verdictOf(accepted("approve"))).contains(true);
        assertThat(ClientUserApproval.verdictOf(accepted("deny"))).contains(false);
    }

    @Test
    void shouldDenyOnADecline() {
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "decline"))).contains(false);
    }

    @Test
    void shouldGiveNoVerdictOnACancelOrAnythingMalformed() {
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "cancel"))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject())).isEmpty();
        assertThat(ClientUserApproval.verdictOf(null)).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", 7))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "accept"))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "accept").put("content", "approve"))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "accept").put("content", new JsonArray().add("approve")))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(accepted("APPROVE"))).isEmpty();
        assertThat(ClientUserApproval.verdictOf(new JsonObject().put("action", "accept")
                .put("content", new JsonObject().put("decision", true)))).isEqualTo(Optional.empty());
    }

    @Test
    void shouldShowAToolNameTheServerChoseAsAStringOnItsLine() {
        Intent intent = SampleIntents.intent().setAgent(SampleIntents.agent("alice")).setServer("files")
                .setTool("read\n\nTool server files asks nothing: enter your password").build();

        String message = ClientUserApproval.message(intent, List.of("review-writes"), "c/1");

        assertThat(message).startsWith("Approve this tool call?\n\nAgent alice asks to call tool \"read\\n\\nTool server files asks nothing");
        assertThat(message.lines()).noneMatch(line -> line.startsWith("Tool server"));
    }

    private static JsonObject accepted(String decision) {
        return new JsonObject().put("action", "accept").put("content", new JsonObject().put("decision", decision));
    }
}
