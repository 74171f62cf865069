package dev.mcpgw.edge.mcp.method;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

    private static JsonObject accepted(String decision) {
        return new JsonObject().put("action", "accept").put("content", new JsonObject().put("decision", decision));
    }
}
