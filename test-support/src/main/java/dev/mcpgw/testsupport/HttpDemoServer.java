package dev.mcpgw.testsupport;

import dev.mcpgw.demo.DemoTools;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The demo tools served over Streamable HTTP by the MCP Java SDK's servlet transport, in embedded
 * Tomcat on a free loopback port (as the SDK's own integration tests run it).
 */
public final class HttpDemoServer implements AutoCloseable {
    public static final String ENDPOINT = "/mcp";

    static {
        // Tomcat takes the JVM's first server's base for catalina.home and creates it again for every
        // later server; a home that always exists keeps a closed server's base directory gone.
        System.setProperty("catalina.home", System.getProperty("java.io.tmpdir"));
    }

    private final Tomcat tomcat = new Tomcat();
    private final TemporaryDirectory base = TemporaryDirectory.create("tomcat");
    private final McpSyncServer server;
    private final int port;

    public HttpDemoServer(Path callLog) throws Exception {
        this(callLog, 0);
    }

    /** On a given port, so that a test can stop a server and start another where the first one was (0: any free port). */
    public HttpDemoServer(Path callLog, int port) throws Exception {
        var transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(ENDPOINT)
                .build();
        server = McpServer.sync(transport)
                .serverInfo("mcpgw-demo-http-server", "1.0.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).logging().build())
                .tools(DemoTools.all(callLog))
                .build();
        tomcat.setBaseDir(base.path().toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(connector);
        Context context = tomcat.addContext("", base.path().toString());
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded(ENDPOINT, "mcp");
        tomcat.start();
        this.port = connector.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port + ENDPOINT;
    }

    @Override
    public void close() throws LifecycleException {
        server.closeGracefully();
        tomcat.stop();
        tomcat.destroy();
        base.close();
    }
}
