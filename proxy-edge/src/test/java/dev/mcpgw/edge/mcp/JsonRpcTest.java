package dev.mcpgw.edge.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class JsonRpcTest {
    private static Buffer arraysNested(int levels) {
        return Buffer.buffer("[".repeat(levels) + "]".repeat(levels));
    }

    @Test
    void shouldReadABodyNestedAsDeepAsTheParserGoes() {
        assertThat(JsonRpc.decode(arraysNested(JsonRpc.PARSER_MAX_DEPTH))).isInstanceOf(JsonArray.class);
    }

    @Test
    void shouldSayABodyNestedBeyondTheParserIsTooDeepNotInvalid() {
        assertThatThrownBy(() -> JsonRpc.decode(arraysNested(1500))).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
            assertThat(e.getMessage()).contains("more than 1000 levels deep").doesNotContain("not valid JSON");
        });
    }

    @Test
    void shouldSayANumberTooLongToReadIsTooLongNotInvalid() {
        assertThatThrownBy(() -> JsonRpc.decode(Buffer.buffer("{\"n\":" + "1".repeat(1001) + "}")))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("more than 1000 digits");
                });
    }

    @Test
    void shouldAnswerParseErrorForWhatIsNotJson() {
        assertThatThrownBy(() -> JsonRpc.decode(Buffer.buffer("{\"a\":1"))).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.PARSE_ERROR));
    }

    @Test
    void shouldAnswerParseErrorForTrailingContent() {
        assertThatThrownBy(() -> JsonRpc.decode(Buffer.buffer("{\"a\":1} x"))).isInstanceOfSatisfying(RpcException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCodes.PARSE_ERROR));
    }
}
