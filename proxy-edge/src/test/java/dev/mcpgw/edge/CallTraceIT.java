package dev.mcpgw.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.mcp.MetaKeys;
import dev.mcpgw.kafka.trace.SpanAttributes;
import dev.mcpgw.testsupport.McpPeers;
import dev.mcpgw.testsupport.NodePeers;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One trace per call, through a real edge and the real decision stream on the test broker, with
 * the spans of both collected by the OpenTelemetry SDK's in-memory exporter: the client's span is
 * the parent, and the decision, its receipt and the call to the tool server are all in the trace.
 */
class CallTraceIT {
    private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";
    private static final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private static OpenTelemetrySdk telemetry;
    private static EdgeFixture gateway;
    private static RawMcpHttp raw;

    @BeforeAll
    static void start() {
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()).build();
        gateway = EdgeFixture.withDecisionStreamTracedBy(telemetry, CallTraceIT::servers);
        raw = new RawMcpHttp(gateway.mcpUrl());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        telemetry.close();
    }

    /** The Java demo server, and the TypeScript SDK's tool server (which answers with the trace context it got) where Node.js is. */
    private static List<DownstreamSpec> servers(Path callLog) {
        List<DownstreamSpec> servers = new ArrayList<>(List.of(EdgeFixture.stdioDemo(callLog)));
        if (NodePeers.available()) {
            McpPeers.StdioCommand node = NodePeers.toolServer(callLog);
            servers.add(new DownstreamSpec("stdio-2026", node.command(), node.args(), node.env(), null, null, "stdio-2026"));
        }
        return servers;
    }

    private static JsonObject call(int id, String tool, JsonObject arguments, String traceparent) {
        HttpResponse<String> response = raw.stateless(id, "tools/call", new JsonObject().put("name", tool).put("arguments", arguments)
                .put("_meta", new JsonObject().put(MetaKeys.TRACEPARENT, traceparent)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body()).getJsonObject("result");
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + CLIENT_SPAN_ID + "-01";
    }

    /** The spans of the trace that satisfies {@code which}, once {@code count} of them have ended. */
    private static List<SpanData> spans(Predicate<SpanData> which, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> exported.getFinishedSpanItems().stream().filter(which).toList(), found -> found.size() >= count);
    }

    private static List<SpanData> trace(String traceId, int count) {
        return spans(span -> span.getTraceId().equals(traceId), count);
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    private static List<SpanData> childrenOf(List<SpanData> spans, SpanData parent) {
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())).toList();
    }

    @Test
    void shouldTraceAnAllowedCallAsOneTreeUnderTheClientsSpan() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4701";

        // when
        call(1, "demo__echo", new JsonObject().put("text", "traced"), traceparent(traceId));

        // then: the call, its propose, wait and downstream call, the stream's evaluation and both receipts, the outcome
        List<SpanData> spans = trace(traceId, 8);
        SpanData server = named(spans, "tools/call demo__echo");
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
        assertThat(childrenOf(spans, server)).extracting(SpanData::getName, SpanData::getKind).containsExactlyInAnyOrder(
                tuple("send gateway.propose", SpanKind.PRODUCER),
                tuple("await decision", SpanKind.INTERNAL),
                tuple("tools/call echo", SpanKind.CLIENT),
                tuple("send gateway.outcome", SpanKind.PRODUCER));
        SpanData evaluate = named(spans, "evaluate");
        assertThat(evaluate.getParentSpanId()).isEqualTo(named(spans, "send gateway.propose").getSpanId());
        assertThat(childrenOf(spans, evaluate)).extracting(SpanData::getName).containsExactly("append receipt");
        assertThat(childrenOf(spans, named(spans, "send gateway.outcome"))).extracting(SpanData::getName).containsExactly("append receipt");
    }

    @Test
    void shouldDescribeTheCallAndItsDecisionAsTheConventionsAndTheReceiptSay() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4702";

        // when
        call(2, "demo__echo", new JsonObject().put("text", "described"), traceparent(traceId));

        // then
        List<SpanData> spans = trace(traceId, 8);
        SpanData server = named(spans, "tools/call demo__echo");
        SpanData decisionReceipt = childrenOf(spans, named(spans, "evaluate")).get(0);
        assertThat(server.getAttributes().get(SpanAttributes.MCP_METHOD_NAME)).isEqualTo("tools/call");
        assertThat(server.getAttributes().get(SpanAttributes.GEN_AI_TOOL_NAME)).isEqualTo("demo__echo");
        assertThat(server.getAttributes().get(SpanAttributes.GEN_AI_OPERATION_NAME)).isEqualTo("execute_tool");
        assertThat(server.getAttributes().get(SpanAttributes.JSONRPC_REQUEST_ID)).isEqualTo("2");
        assertThat(server.getAttributes().get(SpanAttributes.MCP_PROTOCOL_VERSION)).isEqualTo("2026-07-28");
        assertThat(server.getAttributes().get(SpanAttributes.EFFECT)).isEqualTo("ALLOW");
        assertThat(server.getAttributes().get(SpanAttributes.RULES)).containsExactly("demo-tools");
        assertThat(server.getAttributes().get(SpanAttributes.POLICY_VERSION))
                .isEqualTo(named(spans, "evaluate").getAttributes().get(SpanAttributes.POLICY_VERSION));
        assertThat(server.getAttributes().get(SpanAttributes.RECEIPT_CHAIN)).isEqualTo(decisionReceipt.getAttributes().get(SpanAttributes.RECEIPT_CHAIN));
        assertThat(server.getAttributes().get(SpanAttributes.RECEIPT_SEQUENCE))
                .isEqualTo(decisionReceipt.getAttributes().get(SpanAttributes.RECEIPT_SEQUENCE));
        assertThat(named(spans, "send gateway.outcome").getAttributes().get(SpanAttributes.OUTCOME_STATUS)).isEqualTo("EXECUTED");
    }

    @Test
    void shouldTraceADeniedCallToItsReceiptWithNoCallToTheToolServer() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4703";

        // when
        JsonObject refused = call(3, "demo__delete_file", new JsonObject().put("path", "/traced"), traceparent(traceId));

        // then
        List<SpanData> spans = trace(traceId, 5);
        JsonObject receipt = refused.getJsonObject("_meta").getJsonObject("dev.mcpgw/decision").getJsonObject("receipt");
        SpanData server = named(spans, "tools/call demo__delete_file");
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
        assertThat(server.getAttributes().get(SpanAttributes.EFFECT)).isEqualTo("DENY");
        assertThat(server.getAttributes().get(SpanAttributes.RULES)).containsExactly("no-deletes");
        assertThat(server.getAttributes().get(SpanAttributes.ERROR_TYPE)).isEqualTo("tool_error");
        assertThat(server.getAttributes().get(SpanAttributes.RECEIPT_CHAIN)).isEqualTo(receipt.getString("chain"));
        assertThat(server.getAttributes().get(SpanAttributes.RECEIPT_SEQUENCE)).isEqualTo(receipt.getLong("sequence"));
        assertThat(named(spans, "evaluate").getAttributes().get(SpanAttributes.EFFECT)).isEqualTo("DENY");
        assertThat(spans).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("tools/call demo__delete_file", "send gateway.propose", "await decision", "evaluate", "append receipt");
    }

    @Test
    void shouldStartATraceOfItsOwnWhenTheClientsTraceparentIsMalformed() {
        // given
        String malformed = "00-4bf92f3577b34da6a3ce929d0e0e47ZZ-" + CLIENT_SPAN_ID + "-01";

        // when
        call(4, "demo__echo", new JsonObject().put("text", "malformed trace"), malformed);

        // then
        SpanData server = spans(span -> span.getName().equals("tools/call demo__echo")
                && "4".equals(span.getAttributes().get(SpanAttributes.JSONRPC_REQUEST_ID)), 1).get(0);
        assertThat(server.getParentSpanContext().isValid()).isFalse();
        assertThat(trace(server.getTraceId(), 8)).extracting(SpanData::getName).contains("evaluate", "tools/call echo");
    }

    @Test
    void shouldNameTheGatewaysDownstreamSpanToTheToolServerAsItsParent() {
        assumeTrue(NodePeers.available(), "Node.js and npm are needed for the TypeScript SDK's tool server");
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4705";

        // when
        JsonObject result = call(5, "stdio-2026__trace", new JsonObject(), traceparent(traceId));

        // then
        JsonObject seen = new JsonObject(result.getJsonArray("content").getJsonObject(0).getString("text"));
        SpanData downstream = named(trace(traceId, 6), "tools/call trace");
        assertThat(downstream.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(seen.getString("traceparent")).isEqualTo("00-" + traceId + "-" + downstream.getSpanId() + "-01");
    }

    @Test
    void shouldTakeTheParentFromTheHttpHeadersWhenMetaNamesNone() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4706";
        JsonObject request = RawMcpHttp.statelessRequest(6, "tools/call",
                new JsonObject().put("name", "demo__echo").put("arguments", new JsonObject().put("text", "header trace")));
        Map<String, String> headers = new HashMap<>(RawMcpHttp.statelessHeaders(request));
        headers.put("traceparent", traceparent(traceId));

        // when
        assertThat(raw.post(request.encode(), headers).statusCode()).isEqualTo(200);

        // then
        assertThat(named(trace(traceId, 8), "tools/call demo__echo").getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
    }

    @Test
    void shouldNameTheSessionOfASessionErasCall() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4707";
        String session = raw.initialize();

        // when
        HttpResponse<String> response = raw.post("""
                {"jsonrpc":"2.0","id":"s-1","method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"in a session"},
                 "_meta":{"traceparent":"%s"}}}""".formatted(traceparent(traceId)), RawMcpHttp.session(session));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        SpanData server = named(trace(traceId, 8), "tools/call demo__echo");
        assertThat(server.getAttributes().get(SpanAttributes.MCP_SESSION_ID)).isEqualTo(session);
        assertThat(server.getAttributes().get(SpanAttributes.JSONRPC_REQUEST_ID)).isEqualTo("s-1");
    }
}
