package dev.mcpgw.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.limits.AgentQuotas.Kind;
import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentQuotasTest {
    private final AgentQuotas quotas = new AgentQuotas(new AgentCaps(1, 1, 2, Duration.ofMinutes(1)));

    @Test
    void shouldGiveAnAgentAsManySlotsAsItsCap() {
        assertThat(quotas.take("alice", Kind.CALLS)).isPresent();
        assertThat(quotas.take("alice", Kind.CALLS)).isPresent();
        assertThat(quotas.take("alice", Kind.CALLS)).isEmpty();
    }

    @Test
    void shouldGiveASlotAgainOnceOneIsReleased() {
        Optional<AgentQuotas.Slot> first = quotas.take("alice", Kind.SESSIONS);
        assertThat(quotas.take("alice", Kind.SESSIONS)).isEmpty();

        first.orElseThrow().release();

        assertThat(quotas.take("alice", Kind.SESSIONS)).isPresent();
    }

    @Test
    void shouldReleaseASlotReleasedTwiceOnlyOnce() {
        AgentQuotas.Slot slot = quotas.take("alice", Kind.CALLS).orElseThrow();
        quotas.take("alice", Kind.CALLS).orElseThrow();

        slot.release();
        slot.release();

        assertThat(quotas.take("alice", Kind.CALLS)).isPresent();
        assertThat(quotas.take("alice", Kind.CALLS)).isEmpty();
    }

    @Test
    void shouldNotCountOneAgentsSlotsAgainstAnother() {
        quotas.take("alice", Kind.STREAMS).orElseThrow();

        assertThat(quotas.take("bob", Kind.STREAMS)).isPresent();
    }

    @Test
    void shouldNotCountOneKindAgainstAnother() {
        quotas.take("alice", Kind.STREAMS).orElseThrow();

        assertThat(quotas.take("alice", Kind.SESSIONS)).isPresent();
    }

    @Test
    void shouldRefuseWithTheCapItsConfigKeyAndWhenToRetry() {
        RpcException refusal = quotas.refusal(Kind.CALLS);

        assertThat(refusal.code()).isEqualTo(ErrorCodes.TOO_MANY_REQUESTS);
        assertThat(refusal.getMessage()).contains("2 requests in flight").contains("limits.callsInFlightPerAgent");
        assertThat(refusal.toErrorObject().getJsonObject("data")).isEqualTo(new JsonObject()
                .put("limit", "limits.callsInFlightPerAgent").put("max", 2).put("retryAfterSeconds", AgentQuotas.RETRY_AFTER_SECONDS));
    }
}
