package dev.mcpgw.demo;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The demo tool server the gateway fronts by default: the official MCP Java SDK over stdio, serving
 * {@link DemoTools}. {@code DEMO_CALL_LOG}, when set, names the call log.
 */
public final class DemoServer {
    public static final String CALL_LOG_ENV = "DEMO_CALL_LOG";

    private DemoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path callLog = System.getenv(CALL_LOG_ENV) == null ? null : Path.of(System.getenv(CALL_LOG_ENV));
        CountDownLatch inputClosed = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), new EndOfInputSignal(System.in, inputClosed::countDown), System.out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("mcpgw-demo-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(DemoTools.all(callLog))
                .build();
        // A stdio server exits when its client closes stdin (MCP stdio shutdown); the SDK alone would keep the JVM up.
        inputClosed.await();
        server.closeGracefully();
        System.exit(0);
    }
}
