package dev.mcpgw.edge.downstream;

import dev.mcpgw.testsupport.McpPeers;
import java.nio.file.Path;
import java.time.Duration;

/** The stdio client against the demo SDK server running as a child process. */
class StdioDownstreamTest extends DownstreamClientContract {

    @Override
    protected DownstreamClient newClient(Path callLog) {
        McpPeers.StdioCommand demo = McpPeers.demoServer(callLog);
        return new StdioDownstream(new DownstreamSpec("demo", demo.command(), demo.args(), demo.env(), null, null, "demo"),
                loop.context(), Duration.ofSeconds(30));
    }
}
