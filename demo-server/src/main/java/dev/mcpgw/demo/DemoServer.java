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
 * {@link DemoTools} and {@link DemoContent}. {@code DEMO_CALL_LOG}, when set, names the call log.
 */
public final class DemoServer {
    public static final String CALL_LOG_ENV = "DEMO_CALL_LOG";
    /** The instance name, used in the prompt's text and the resource's URI (default "demo"). */
    public static final String NAME_ENV = "DEMO_NAME";

    private DemoServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path callLog = System.getenv(CALL_LOG_ENV) == null ? null : Path.of(System.getenv(CALL_LOG_ENV));
        String instance = System.getenv().getOrDefault(NAME_ENV, "demo");
        CountDownLatch inputClosed = new CountDownLatch(1);
        var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), new EndOfInputSignal(System.in, inputClosed::countDown), System.out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("mcpgw-demo-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).prompts(true).resources(false, true).logging().completions().build())
                .tools(DemoTools.all(callLog))
                .prompts(DemoContent.prompts(instance, callLog))
                .resources(DemoContent.resources(instance, callLog))
                .resourceTemplates(DemoContent.resourceTemplates(instance, callLog))
                .completions(DemoContent.completions(instance, callLog))
                .build();
        // A stdio server exits when its client closes stdin (MCP stdio shutdown); the SDK alone would keep the JVM up.
        inputClosed.await();
        server.closeGracefully();
        System.exit(0);
    }
}
