package dev.mcpgw.edge.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP headers of MCP's Streamable HTTP transport, and the value encoding 2026-07-28 uses to
 * mirror body fields into them: a value that is not plain header-safe ASCII travels as
 * {@code =?base64?<UTF-8 in Base64>?=}.
 *
 * @see <a href="https://modelcontextprotocol.io/specification/2026-07-28/basic/transports/streamable-http#request-metadata">Request Metadata</a>
 */
public final class McpHeaders {
    public static final String SESSION = "Mcp-Session-Id";
    public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    public static final String METHOD = "Mcp-Method";
    public static final String NAME = "Mcp-Name";
    /** The body field each named method mirrors into {@link #NAME}. */
    public static final Map<String, String> NAME_SOURCES = Map.of(
            McpMethods.TOOLS_CALL, "name", McpMethods.PROMPTS_GET, "name", McpMethods.RESOURCES_READ, "uri");

    private static final String SENTINEL_START = "=?base64?";
    private static final String SENTINEL_END = "?=";

    private McpHeaders() {
    }

    /** The header form of {@code value}: as is when it is plain visible ASCII, else the Base64 sentinel. */
    public static String encode(String value) {
        return isPlain(value) && !isSentinel(value)
                ? value
                : SENTINEL_START + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + SENTINEL_END;
    }

    /** The value a header carries, or empty when it is malformed (bad characters, bad Base64, not UTF-8). */
    public static Optional<String> decode(String header) {
        if (isSentinel(header)) {
            try {
                byte[] bytes = Base64.getDecoder().decode(header.substring(SENTINEL_START.length(), header.length() - SENTINEL_END.length()));
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (IllegalArgumentException | CharacterCodingException e) {
                return Optional.empty();
            }
        }
        return header.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c <= 0x7E)) ? Optional.of(header) : Optional.empty();
    }

    private static boolean isSentinel(String value) {
        return value.length() >= SENTINEL_START.length() + SENTINEL_END.length()
                && value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END);
    }

    /** Visible ASCII and inner spaces: leading or trailing whitespace would be lost in transit. */
    private static boolean isPlain(String value) {
        return !value.isEmpty() && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
                && value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' ';
    }
}
