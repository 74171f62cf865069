package dev.mcpgw.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import dev.mcpgw.edge.mcp.RpcException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageLimitsTest {
    private static final RequestLimits LIMITS = new RequestLimits(1024 * 1024, 8, 100, 256 * 1024);
    private final MessageLimits limits = new MessageLimits(LIMITS);

    /** A tools/call whose arguments hold objects nested so that the deepest sits at {@code level} (params being 1, arguments 2). */
    private static JsonObject callNestedTo(int level) {
        JsonObject deepest = new JsonObject().put("leaf", "x");
        JsonObject nested = deepest;
        for (int l = level; l > 2; l--) {
            nested = new JsonObject().put("a", nested);
        }
        return call(nested);
    }

    private static JsonObject call(JsonObject arguments) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call")
                .put("params", new JsonObject().put("name", "demo__echo").put("arguments", arguments));
    }

    @Test
    void shouldAcceptNestingExactlyAtTheLimit() {
        assertThat(limits.check(callNestedTo(8))).isEmpty();
    }

    @Test
    void shouldRefuseNestingOneLevelOverTheLimitNamingTheConfigKey() {
        Optional<RpcException> violation = limits.check(callNestedTo(9));

        assertThat(violation).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
            assertThat(e.getMessage()).contains("nest deeper than 8 levels").contains("limits.maxDepth");
            assertThat(e.toErrorObject().getJsonObject("data")).isEqualTo(new JsonObject().put("limit", "limits.maxDepth").put("max", 8));
        });
    }

    @Test
    void shouldSayWhereTheNestingGoesTooDeep() {
        assertThat(limits.check(callNestedTo(9)).orElseThrow().getMessage()).contains("at params.arguments.a.a.a.a.a.a");
    }

    @Test
    void shouldCountArraysAsNestingLikeObjects() {
        JsonArray deep = new JsonArray().add("x");
        for (int i = 0; i < 7; i++) {
            deep = new JsonArray().add(deep);
        }

        Optional<RpcException> violation = limits.check(call(new JsonObject().put("list", deep)));

        assertThat(violation).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("limits.maxDepth").contains("params.arguments.list[0]"));
    }

    @Test
    void shouldRefuseNestingAnywhereInTheMessageNotOnlyInArguments() {
        JsonObject meta = new JsonObject();
        JsonObject nested = meta;
        for (int i = 0; i < 8; i++) {
            JsonObject inner = new JsonObject();
            nested.put("m", inner);
            nested = inner;
        }
        JsonObject message = new JsonObject().put("jsonrpc", "2.0").put("id", 2).put("method", "prompts/get")
                .put("params", new JsonObject().put("name", "p").put("_meta", meta));

        assertThat(limits.check(message)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("limits.maxDepth"));
    }

    @Test
    void shouldAcceptAStringExactlyAtTheLimit() {
        assertThat(limits.check(call(new JsonObject().put("text", "x".repeat(100))))).isEmpty();
    }

    @Test
    void shouldRefuseALongStringNamingItsPathAndLength() {
        Optional<RpcException> violation = limits.check(call(new JsonObject().put("text", "x".repeat(101))));

        assertThat(violation).hasValueSatisfying(e -> assertThat(e.getMessage())
                .contains("params.arguments.text").contains("101 characters").contains("limits.maxStringLength"));
    }

    @Test
    void shouldRefuseALongStringInsideAnArray() {
        Optional<RpcException> violation = limits.check(call(new JsonObject().put("lines", new JsonArray().add("ok").add("y".repeat(500)))));

        assertThat(violation).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("params.arguments.lines[1]"));
    }

    @Test
    void shouldRefuseALongMemberName() {
        Optional<RpcException> violation = limits.check(call(new JsonObject().put("k".repeat(101), 1)));

        assertThat(violation).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("member name of 101 characters"));
    }

    @Test
    void shouldRefuseALongStringInTheTraceContextTheIntentRecords() {
        JsonObject message = call(new JsonObject());
        message.getJsonObject("params").put("_meta", new JsonObject().put("tracestate", "v".repeat(101)));

        assertThat(limits.check(message)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("params._meta.tracestate"));
    }

    @Test
    void shouldAcceptABigArrayOfSmallValuesWithinTheLimits() {
        JsonArray big = new JsonArray();
        for (int i = 0; i < 10_000; i++) {
            big.add(i);
        }

        assertThat(limits.check(call(new JsonObject().put("numbers", big)))).isEmpty();
    }

    @Test
    void shouldHoldAClientsResponseToTheSameLimits() {
        JsonObject response = new JsonObject().put("jsonrpc", "2.0").put("id", "mcpgw-1")
                .put("result", new JsonObject().put("content", "z".repeat(101)));

        assertThat(limits.check(response)).hasValueSatisfying(e -> assertThat(e.getMessage()).contains("result.content"));
    }

    @Test
    void shouldClipAVeryLongPathInTheError() {
        JsonObject arguments = new JsonObject().put("p".repeat(90), new JsonObject().put("q".repeat(90), "x".repeat(101)));

        String message = limits.check(call(arguments)).orElseThrow().getMessage();

        assertThat(message).contains("…").hasSizeLessThan(400);
    }
}
