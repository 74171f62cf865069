package dev.mcpgw.edge.mcp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;

/**
 * Whatever bytes a client posts, the codec either reads a JSON-RPC message or refuses the body
 * with an RpcException (parse error, invalid request): nothing else escapes.
 */
class JsonRpcFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyBodyIsReadOrRefusedWithAJsonRpcError(FuzzedDataProvider data) {
        try {
            Object body = JsonRpc.decode(Buffer.buffer(data.consumeRemainingAsBytes()));
            if (body instanceof JsonArray batch) {
                batch.forEach(JsonRpcFuzzTest::classify);
            } else {
                classify(body);
            }
        } catch (RpcException refused) {
            // The documented refusal: it becomes a JSON-RPC error response.
        }
    }

    private static void classify(Object message) {
        var valid = JsonRpc.validate(message);
        JsonRpc.isRequest(valid);
        JsonRpc.isResponse(valid);
    }
}
