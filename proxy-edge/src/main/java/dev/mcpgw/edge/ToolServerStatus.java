package dev.mcpgw.edge;

import dev.mcpgw.edge.downstream.DownstreamRouter;
import dev.mcpgw.edge.downstream.DownstreamSpec;
import dev.mcpgw.edge.downstream.RestartingDownstream;
import dev.mcpgw.edge.downstream.ServerHalf;
import dev.mcpgw.edge.mcp.Era;
import java.util.List;

/**
 * A tool server's status on /healthz, one per server: {@code UP} when every connection to it is
 * (a dual-era server's two halves), else what is down: {@code RESTARTING} (stdio), {@code UNREACHABLE}
 * (HTTP), or for a dual-era server with one half down, which half, since clients of the other era
 * are still served.
 */
final class ToolServerStatus {
    private ToolServerStatus() {
    }

    static String of(DownstreamSpec spec, DownstreamRouter router) {
        List<ServerHalf> down = router.halves(spec.name()).stream()
                .filter(half -> router.client(half) instanceof RestartingDownstream r && !r.isUp()).toList();
        if (down.isEmpty()) {
            return "UP";
        }
        String status = spec.isStdio() ? "RESTARTING" : "UNREACHABLE";
        if (down.size() == router.halves(spec.name()).size()) {
            return status;
        }
        return status + " (" + (down.get(0).only().orElseThrow() == Era.SESSION ? "session-era" : "2026-07-28") + " half)";
    }
}
