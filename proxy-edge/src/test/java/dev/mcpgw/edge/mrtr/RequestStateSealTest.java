package dev.mcpgw.edge.mrtr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import dev.mcpgw.schemas.ReceiptRef;
import org.junit.jupiter.api.Test;

class RequestStateSealTest {
    private static final RequestStateSeal.Binding BINDING =
            new RequestStateSeal.Binding("files", "alice", "ask", "9f86d0", "server-state-1", new ReceiptRef("propose-0", 12L, "ab12"),
                    1_800_000_000_000L);
    private final RequestStateSeal seal = new RequestStateSeal(RequestStateKey.random());

    @Test
    void shouldOpenWhatItSealed() {
        assertThat(seal.open(seal.seal(BINDING))).isEqualTo(BINDING);
    }

    @Test
    void shouldSealAnAttemptWithoutServerState() {
        RequestStateSeal.Binding stateless = new RequestStateSeal.Binding("files", "alice", "ask", "9f86d0", null, BINDING.attempt(),
                BINDING.expiresAt());

        assertThat(seal.open(seal.seal(stateless)).state()).isNull();
    }

    @Test
    void shouldRefuseAnAlteredPayload() {
        String sealed = seal.seal(BINDING);
        int dot = sealed.lastIndexOf('.');
        String altered = sealed.substring(0, dot - 2) + (sealed.charAt(dot - 2) == 'A' ? 'B' : 'A') + sealed.substring(dot - 1);

        assertThatThrownBy(() -> seal.open(altered)).isInstanceOf(RpcException.class)
                .satisfies(e -> assertThat(((RpcException) e).code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
    }

    @Test
    void shouldRefuseAStateSealedWithAnotherKey() {
        String foreign = new RequestStateSeal(RequestStateKey.random()).seal(BINDING);

        assertThatThrownBy(() -> seal.open(foreign)).isInstanceOf(RpcException.class);
    }

    @Test
    void shouldRefuseAServersOwnStatePassedOffAsSealed() {
        assertThatThrownBy(() -> seal.open("server-state-1")).isInstanceOf(RpcException.class);
    }

    @Test
    void shouldRefuseAKeyShorterThan32Bytes() {
        assertThatThrownBy(() -> new RequestStateSeal(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
