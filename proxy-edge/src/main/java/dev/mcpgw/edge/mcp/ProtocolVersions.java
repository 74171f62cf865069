package dev.mcpgw.edge.mcp;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The MCP revisions the edge speaks, newest first: the stateless era (2026-07-28, every request
 * names its revision) and the session era (negotiated once by initialize).
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#version-negotiation">Version negotiation</a>
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/versioning">Versioning (2026-07-28)</a>
 */
public final class ProtocolVersions {
    public static final String V2025_03_26 = "2025-03-26";
    public static final String V2025_06_18 = "2025-06-18";
    public static final String V2025_11_25 = "2025-11-25";
    public static final String V2026_07_28 = "2026-07-28";
    public static final List<String> STATELESS_ERA = List.of(V2026_07_28);
    public static final List<String> SESSION_ERA = List.of(V2025_11_25, V2025_06_18, V2025_03_26);
    public static final String LATEST_SESSION_ERA = V2025_11_25;
    public static final List<String> ALL = List.of(V2026_07_28, V2025_11_25, V2025_06_18, V2025_03_26);

    private ProtocolVersions() {
    }

    /** The version to answer an initialize with: the client's if we speak it, else our latest. */
    public static String negotiate(String requested) {
        return SESSION_ERA.contains(requested) ? requested : LATEST_SESSION_ERA;
    }

    public static boolean supports(String version) {
        return SESSION_ERA.contains(version);
    }

    /** The revision a message names in its {@code params._meta} (as 2026-07-28 requests do), or null. */
    public static String declaredBy(JsonObject message) {
        return message.getValue("params") instanceof JsonObject params && params.getValue("_meta") instanceof JsonObject meta
                && meta.getValue(MetaKeys.PROTOCOL_VERSION) instanceof String version ? version : null;
    }

    /** No revision (none negotiated yet) is not the stateless one; List.contains would throw on null. */
    public static boolean isStateless(String version) {
        return version != null && STATELESS_ERA.contains(version);
    }
}
