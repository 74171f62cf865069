package dev.mcpgw.edge.mcp.method;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.method.McpCall.TraceContext;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What of an agent's W3C trace context goes into its intent. */
class TraceContextTest {
    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void shouldKeepAWellFormedContext() {
        assertThat(TraceContext.of(PARENT, "vendor=opaque,other=1")).isEqualTo(new TraceContext(PARENT, "vendor=opaque,other=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331",
            "00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
            "00_0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331_01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0\n"})
    void shouldDropAMalformedTraceparentWithItsTracestate(String traceparent) {
        assertThat(TraceContext.of(traceparent, "vendor=opaque")).isEqualTo(new TraceContext(null, null));
    }

    @Test
    void shouldReadALaterVersionByItsVersionZeroFieldsAndDropTheRest() {
        TraceContext context = TraceContext.of("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-future-fields", null);

        assertThat(context.traceparent()).isEqualTo("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    @Test
    void shouldDropATracestateLongerThanTheRecommendationsLimit() {
        assertThat(TraceContext.of(PARENT, "v=" + "x".repeat(TraceContext.MAX_TRACESTATE_CHARS))).isEqualTo(new TraceContext(PARENT, null));
    }

    @Test
    void shouldDropATracestateWithControlCharacters() {
        assertThat(TraceContext.of(PARENT, "vendor=a\u0000b")).isEqualTo(new TraceContext(PARENT, null));
    }

    @Test
    void shouldHaveNoContextWhenNoneWasSent() {
        assertThat(TraceContext.of(null, "vendor=opaque")).isEqualTo(new TraceContext(null, null));
    }

    private static McpCall call(JsonObject meta, TraceContext transport) {
        return new McpCall(null, 1, "tools/call", new JsonObject().put("_meta", meta), null, Era.SESSION, n -> { }, null, Map.of(), null, transport,
                null);
    }

    @Test
    void shouldTakeTheHttpRequestsContextWhenMetaHasNone() {
        TraceContext transport = TraceContext.of(PARENT, "vendor=http");

        assertThat(call(new JsonObject(), transport).traceContext()).isEqualTo(transport);
    }

    @Test
    void shouldPreferTheContextInMetaToTheHttpRequests() {
        String inMeta = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        TraceContext chosen = call(new JsonObject().put("traceparent", inMeta), TraceContext.of(PARENT, "vendor=http")).traceContext();

        assertThat(chosen).isEqualTo(new TraceContext(inMeta, null));
    }
}
