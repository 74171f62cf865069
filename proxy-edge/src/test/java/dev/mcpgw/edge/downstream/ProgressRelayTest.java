package dev.mcpgw.edge.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {
    private static final String SERVER = "files";
    private final ProgressRelay relay = new ProgressRelay();
    private final List<JsonObject> stream = new ArrayList<>();

    @Test
    void shouldForwardAGatewayTokenAndRestoreTheClientsTokenOnProgress() {
        JsonObject params = withToken(42);

        String token = relay.register(SERVER, params, stream::add);
        boolean routed = relay.route(SERVER, progress(token, 0.5));

        assertThat(params.getJsonObject("_meta").getString("progressToken")).isEqualTo(token).isNotEqualTo("42");
        assertThat(routed).isTrue();
        assertThat(stream).singleElement().satisfies(n -> {
            assertThat(n.getJsonObject("params").getValue("progressToken")).isEqualTo(42);
            assertThat(n.getJsonObject("params").getDouble("progress")).isEqualTo(0.5);
        });
    }

    @Test
    void shouldGiveTwoCallersWithTheSameTokenDistinctGatewayTokens() {
        List<JsonObject> other = new ArrayList<>();

        String first = relay.register(SERVER, withToken(1), stream::add);
        String second = relay.register(SERVER, withToken(1), other::add);
        relay.route(SERVER, progress(second, 1));

        assertThat(first).isNotEqualTo(second);
        assertThat(stream).isEmpty();
        assertThat(other).hasSize(1);
    }

    @Test
    void shouldNotRouteProgressOnceTheRequestIsReleased() {
        String token = relay.register(SERVER, withToken("t"), stream::add);

        relay.release(token);

        assertThat(relay.route(SERVER, progress(token, 1))).isFalse();
        assertThat(stream).isEmpty();
    }

    @Test
    void shouldNotDeliverProgressAnotherServerSentWithTheToken() {
        String token = relay.register(SERVER, withToken("t"), stream::add);

        boolean routed = relay.route("mallory", progress(token, 1));

        assertThat(routed).isFalse();
        assertThat(stream).isEmpty();
    }

    @Test
    void shouldLeaveParamsWithoutAProgressTokenUntouched() {
        JsonObject params = new JsonObject().put("name", "echo");

        assertThat(relay.register(SERVER, params, stream::add)).isNull();
        assertThat(params).isEqualTo(new JsonObject().put("name", "echo"));
    }

    private static JsonObject withToken(Object token) {
        return new JsonObject().put("name", "x").put("_meta", new JsonObject().put("progressToken", token));
    }

    private static JsonObject progress(String token, double value) {
        return new JsonObject().put("jsonrpc", "2.0").put("method", ProgressRelay.PROGRESS)
                .put("params", new JsonObject().put("progressToken", token).put("progress", value));
    }
}
