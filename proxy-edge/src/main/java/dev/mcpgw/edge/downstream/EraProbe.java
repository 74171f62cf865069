package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.mcp.Era;
import dev.mcpgw.edge.mcp.ProtocolVersions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How many connections the gateway holds with a tool server. A dual-era server reached over HTTP
 * whose protocol is not configured gets two halves, a 2026-07-28 one for 2026 clients and a
 * session for session-era clients: such a server's two halves may differ (capabilities, tools),
 * and each client must see the server as a client of its era would. Every other server gets one
 * connection, serving clients of both eras (bridged): a configured protocol is kept to, and a
 * stdio server is one process, which is one session, while a second process of the user's
 * command could collide with the first over what it holds (files, ports).
 */
public final class EraProbe {
    private EraProbe() {
    }

    /** Asks the server, on a connection of its own that is closed once answered; a server that is not dual-era gets one connection. */
    public static Future<List<ServerHalf>> halves(DownstreamSpec spec, Context context, Duration requestTimeout) {
        if (spec.isStdio() || spec.protocol() != null) {
            return Future.succeededFuture(List.of(ServerHalf.whole(spec)));
        }
        HttpDownstream probe = new HttpDownstream(spec, context, requestTimeout);
        return Handshake.sessionRevisionBeside2026(probe)
                .compose(session -> probe.close().otherwiseEmpty().map(session))
                .map(session -> halves(spec, session));
    }

    private static List<ServerHalf> halves(DownstreamSpec spec, Optional<String> sessionRevision) {
        return sessionRevision.map(revision -> List.of(
                        ServerHalf.half(spec.withProtocol(ProtocolVersions.V2026_07_28), Era.STATELESS),
                        ServerHalf.half(spec.withProtocol(revision), Era.SESSION)))
                .orElseGet(() -> List.of(ServerHalf.whole(spec)));
    }
}
