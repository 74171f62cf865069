package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.ErrorCodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile params on each SEP message (malformed, wrong types, huge, deep, forged ids) get a clear
 * JSON-RPC error, nothing is run, and the edge goes on serving.
 */
class SepBadInputIT {
    private static EdgeFixture gateway;
    private static RawMcpHttp http;

    @BeforeAll
    static void start() {
        gateway = EdgeFixture.withDecisionStream();
        http = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> invalidParams() {
        JsonObject action = new JsonObject().put("type", "mcp.demo__echo").put("parameters", new JsonObject().put("text", "x"));
        return Stream.of(
                Arguments.of("authorization/propose", new JsonObject()),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", "not an object")),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject())),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action", new JsonObject().put("type", 5)))),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action",
                        action.copy().put("parameters", new JsonArray().add(1))))),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action", action)
                        .put("principal", "alice"))),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action", action)
                        .put("principal", new JsonObject().put("id", 42)))),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action", action)
                        .put("context", new JsonObject().put("purpose", "p".repeat(5000))))),
                Arguments.of("authorization/propose", new JsonObject().put("name", "demo__echo").put("ttlMs", -1)),
                Arguments.of("authorization/propose", new JsonObject().put("name", "demo__echo").put("ttlMs", "60000")),
                Arguments.of("authorization/propose", new JsonObject().put("name", "demo__echo").put("waitMs", 1e12)),
                Arguments.of("authorization/propose", new JsonObject().put("name", "demo__no_such_tool")),
                Arguments.of("authorization/propose", new JsonObject().put("envelope", new JsonObject().put("action",
                        new JsonObject().put("type", "stripe.charges.create")))),
                Arguments.of("authorization/decide", new JsonObject()),
                Arguments.of("authorization/decide", new JsonObject().put("intentId", 7)),
                Arguments.of("authorization/decide", new JsonObject().put("intentId", "x".repeat(500))),
                Arguments.of("authorization/decide", new JsonObject().put("intentId", UUID.randomUUID().toString())),
                Arguments.of("authorization/decide", new JsonObject().put("intentId", "' OR 1=1 --")),
                Arguments.of("authorization/decide", new JsonObject().put("intentId", UUID.randomUUID().toString()).put("waitMs", -5)),
                Arguments.of("authorization/receipt", new JsonObject()),
                Arguments.of("authorization/receipt", new JsonObject().put("receiptId", new JsonObject())),
                Arguments.of("authorization/receipt", new JsonObject().put("intentId", UUID.randomUUID().toString())),
                Arguments.of("tools/call", new JsonObject().put("name", "demo__echo").put("_meta", new JsonObject().put("authorizationId", 7))),
                Arguments.of("tools/call", new JsonObject().put("name", "demo__echo").put("_meta", new JsonObject().put("authorizationId", ""))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidParams")
    void shouldAnswerInvalidParamsWithAClearErrorAndKeepServing(String method, JsonObject params) {
        JsonObject error = SepFlowIT.error(http.stateless(1, method, params));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.INVALID_PARAMS);
        assertThat(error.getString("message")).isNotBlank().doesNotContain("Exception");
        assertThat(http.healthStatus()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAForgedAuthorizationOnACallAsDeniedAndNeverRunTheTool() {
        String text = "forged-" + UUID.randomUUID();
        JsonObject params = new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", text))
                .put("_meta", new JsonObject().put("authorizationId", "00000000-0000-0000-0000-000000000000"));

        JsonObject error = SepFlowIT.error(http.stateless(1, "tools/call", params));

        assertThat(error.getInteger("code")).isEqualTo(ErrorCodes.SEP_AUTHORIZATION_DENIED);
        assertThat(gateway.callsReceived()).noneMatch(line -> line.contains(text));
    }

    @Test
    void shouldRefuseAProposalNestedDeeperThanTheLimitsBeforeAnythingIsProposed() {
        JsonObject deep = new JsonObject().put("leaf", 1);
        for (int i = 0; i < 200; i++) {
            deep = new JsonObject().put("d", deep);
        }
        JsonObject params = new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", deep));

        JsonObject error = SepFlowIT.error(http.stateless(1, "authorization/propose", params));

        assertThat(error.getInteger("code")).isIn(ErrorCodes.INVALID_PARAMS, ErrorCodes.INVALID_REQUEST, ErrorCodes.PARSE_ERROR);
        assertThat(http.healthStatus()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAProposalLargerThanTheBodyLimit() {
        JsonObject params = new JsonObject().put("name", "demo__echo")
                .put("arguments", new JsonObject().put("text", "x".repeat(EdgeFixture.LIMITS.maxBodyBytes() + 1)));

        var response = http.stateless(1, "authorization/propose", params);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(SepFlowIT.error(response).getInteger("code")).isEqualTo(ErrorCodes.INVALID_REQUEST);
    }
}
