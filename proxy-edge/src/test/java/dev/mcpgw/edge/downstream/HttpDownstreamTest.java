package dev.mcpgw.edge.downstream;

import dev.mcpgw.testsupport.HttpDemoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The Streamable HTTP client against the demo tools served by the SDK's servlet transport in Tomcat. */
class HttpDownstreamTest extends DownstreamClientContract {
    private HttpDemoServer server;

    @Override
    protected DownstreamClient newClient(Path callLog) throws Exception {
        server = new HttpDemoServer(callLog);
        return new HttpDownstream(new DownstreamSpec("demo", null, null, null, server.url(), Map.of("X-Test", "1"), "demo"),
                loop.context(), Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }
}
