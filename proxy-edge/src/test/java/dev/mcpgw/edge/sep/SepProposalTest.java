package dev.mcpgw.edge.sep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.SepRules;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SepProposalTest {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    private static final Duration MAX_TTL = Duration.ofHours(1);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    @Test
    void shouldReadTheDraftsEnvelopeNamingTheToolAsMcpDotName() {
        SepProposal proposal = parse(new JsonObject().put("envelope", new JsonObject().put("id", "env-1")
                .put("action", new JsonObject().put("type", "mcp.demo__echo").put("parameters", new JsonObject().put("text", "hi")))));

        assertThat(proposal.tool()).isEqualTo("demo__echo");
        assertThat(proposal.arguments()).isEqualTo(new JsonObject().put("text", "hi"));
        assertThat(proposal.envelopeId()).isEqualTo("env-1");
        assertThat(proposal.ttl()).isEqualTo(DEFAULT_TTL);
        assertThat(proposal.waitFor()).isEqualTo(MAX_WAIT);
    }

    @Test
    void shouldKeepWhatTheClientClaimsUnderTheEnvelopePrefixIncludingThePrincipalItNames() {
        SepProposal proposal = parse(new JsonObject().put("envelope", new JsonObject()
                .put("action", new JsonObject().put("type", "mcp.demo__echo").put("resource", "mcp://demo/echo"))
                .put("principal", new JsonObject().put("type", "agent").put("id", "bob"))
                .put("context", new JsonObject().put("purpose", "greet").put("sourceIp", "10.0.0.1").put("metadata", new JsonObject().put("a", 1)))));

        assertThat(proposal.claims())
                .containsEntry(SepRules.CLAIMED_PRINCIPAL, "bob")
                .containsEntry("purpose", "greet")
                .containsEntry("envelope.context.sourceIp", "10.0.0.1")
                .containsEntry("envelope.context.metadata", "{\"a\":1}")
                .containsEntry("envelope.action.resource", "mcp://demo/echo")
                .doesNotContainKey("sourceIp");
    }

    @Test
    void shouldReadTheGatewaysShapeLikeAToolsCall() {
        SepProposal proposal = parse(new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "hi"))
                .put("purpose", "greet").put("ttlMs", 1000).put("waitMs", 0));

        assertThat(proposal.tool()).isEqualTo("demo__echo");
        assertThat(proposal.claims()).containsEntry("purpose", "greet");
        assertThat(proposal.ttl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(proposal.waitFor()).isZero();
    }

    @Test
    void shouldRefuseATimeToLiveLongerThanTheGatewaysLimit() {
        assertThatThrownBy(() -> parse(new JsonObject().put("name", "demo__echo").put("ttlMs", MAX_TTL.toMillis() + 1)))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
                .hasMessageContaining("ttlMs");
    }

    @Test
    void shouldRefuseMoreContextEntriesThanItKeeps() {
        JsonObject context = new JsonObject();
        for (int i = 0; i <= SepProposal.MAX_CLAIMS; i++) {
            context.put("k" + i, "v");
        }

        assertThatThrownBy(() -> parse(new JsonObject().put("name", "demo__echo").put("context", context)))
                .isInstanceOf(RpcException.class).hasMessageContaining("more than " + SepProposal.MAX_CLAIMS);
    }

    private static SepProposal parse(JsonObject params) {
        return SepProposal.parse(params, DEFAULT_TTL, MAX_TTL, MAX_WAIT);
    }
}
