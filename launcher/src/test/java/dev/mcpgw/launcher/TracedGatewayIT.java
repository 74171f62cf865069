package dev.mcpgw.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gateway up` with {@code tracing.otlpEndpoint}: one call's spans, the edge's and the decision
 * stream's, reach an OTLP/HTTP receiver on the wire, in the client's trace.
 */
class TracedGatewayIT {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4799";

    @TempDir
    Path dir;

    @Test
    void shouldSendTheSpansOfACallToTheConfiguredCollectorInTheClientsTrace() throws Exception {
        // given: a collector that keeps every export it receives
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (exports) {
                exports.write(body);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            try (Gateway gateway = DemoGateway.start(dir, "", """
                    agents:
                      - {id: demo-agent, apiKey: demo-agent-key, groups: [demo]}
                    tracing: {otlpEndpoint: "http://127.0.0.1:%d"}
                    """.formatted(collector.getAddress().getPort()), Map.of())) {
                // when
                HttpResponse<String> answer = echo(gateway.mcpUrl());
                assertThat(answer.body()).contains("\"isError\":false");

                // then: the spans are sent in batches, within seconds
                String received = await().atMost(Duration.ofSeconds(30)).until(() -> {
                    synchronized (exports) {
                        return exports.toString(StandardCharsets.ISO_8859_1);
                    }
                }, all -> all.contains("send gateway.outcome") && all.contains("evaluate"));
                assertThat(received).contains("tools/call demo__echo", "send gateway.propose", "await decision", "evaluate",
                        "append receipt", "tools/call echo", "send gateway.outcome", GatewayTelemetry.SERVICE_NAME);
                assertThat(received).contains(new String(HexFormat.of().parseHex(TRACE_ID), StandardCharsets.ISO_8859_1));
            }
        } finally {
            collector.stop(0);
        }
    }

    private static HttpResponse<String> echo(String mcpUrl) throws Exception {
        String body = """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"demo__echo","arguments":{"text":"traced"},
                 "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},
                          "traceparent":"00-%s-00f067aa0ba902b7-01"}}}""".formatted(TRACE_ID);
        HttpRequest request = HttpRequest.newBuilder(URI.create(mcpUrl))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer demo-agent-key").header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "tools/call").header("Mcp-Name", "demo__echo")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
