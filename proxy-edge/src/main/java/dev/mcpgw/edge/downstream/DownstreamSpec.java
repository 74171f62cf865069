package dev.mcpgw.edge.downstream;

import dev.mcpgw.edge.pinning.ToolTrust;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One configured tool server, written the way MCP clients configure servers: {@code command} +
 * {@code args} + {@code env} for stdio, or {@code url} + {@code headers} for Streamable HTTP.
 * {@code toolPrefix} namespaces its tools ({@code prefix__tool}); empty means no prefix.
 * {@code protocol} pins the MCP revision to speak with it; null finds out (server/discover, else
 * initialize). {@code trust} says how its tool definitions are pinned and scanned.
 * {@code maxMessageBytes} caps one message the server sends (a stdio line, an HTTP body, an event
 * of an event stream): a server is not trusted to bound its own answers, and past the cap the edge
 * reads no further. {@code forwardMeta} names the keys of a client request's {@code _meta}, beyond
 * MCP's own, that the server is sent (see {@link ClientParams}). {@code clientRequests} names what
 * the server may ask the client during a call ({@link #ALL_CLIENT_REQUESTS}, or fewer; see
 * {@link ServerQuestions}).
 */
public record DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                             String url, Map<String, String> headers, String toolPrefix, String protocol, ToolTrust trust,
                             int maxMessageBytes, Set<String> forwardMeta, Set<String> clientRequests) {
    /**
     * Room for real tool results (a base64 image of about 12 MB fits), while a message held as text
     * and as parsed JSON, a few times its size, leaves most of the edge's 512 MiB heap to the rest.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** The client capabilities a tool server may use to ask the client something during a call, unless its config names fewer. */
    public static final Set<String> ALL_CLIENT_REQUESTS = Set.of("elicitation", "sampling", "roots");

    public DownstreamSpec {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("mcpServers." + name + ".maxMessageBytes must be positive, not " + maxMessageBytes);
        }
        forwardMeta = forwardMeta == null ? Set.of() : Set.copyOf(forwardMeta);
        clientRequests = clientRequests(name, clientRequests);
    }

    /**
     * What the server {@code name} may ask the client, as configured: all of {@link #ALL_CLIENT_REQUESTS}
     * when {@code configured} is null; throws IllegalArgumentException for a name not among them.
     */
    public static Set<String> clientRequests(String name, Collection<String> configured) {
        if (configured == null) {
            return ALL_CLIENT_REQUESTS;
        }
        for (String capability : configured) {
            // Set.of's contains throws on null, and YAML's ~ is a null entry
            if (capability == null || !ALL_CLIENT_REQUESTS.contains(capability)) {
                throw new IllegalArgumentException("mcpServers." + name + ".clientRequests names " + capability
                        + ": it may name elicitation, sampling and roots");
            }
        }
        return Set.copyOf(configured);
    }

    /** A server that may ask the client anything MCP lets a server ask. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix, String protocol, ToolTrust trust,
                          int maxMessageBytes, Set<String> forwardMeta) {
        this(name, command, args, env, url, headers, toolPrefix, protocol, trust, maxMessageBytes, forwardMeta, ALL_CLIENT_REQUESTS);
    }

    /** A server sent no {@code _meta} key of a client's beyond MCP's own. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix, String protocol, ToolTrust trust,
                          int maxMessageBytes) {
        this(name, command, args, env, url, headers, toolPrefix, protocol, trust, maxMessageBytes, Set.of());
    }

    /** A server whose messages may be as large as {@link #DEFAULT_MAX_MESSAGE_BYTES}. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix, String protocol, ToolTrust trust) {
        this(name, command, args, env, url, headers, toolPrefix, protocol, trust, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A server whose tools are pinned on first use, hidden when they change, and withheld when flagged. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix, String protocol) {
        this(name, command, args, env, url, headers, toolPrefix, protocol, ToolTrust.DEFAULTS);
    }

    /** A server whose revision the gateway finds out. */
    public DownstreamSpec(String name, String command, List<String> args, Map<String, String> env,
                          String url, Map<String, String> headers, String toolPrefix) {
        this(name, command, args, env, url, headers, toolPrefix, null, ToolTrust.DEFAULTS);
    }

    /** The same server, its messages capped at {@code bytes}. */
    public DownstreamSpec withMaxMessageBytes(int bytes) {
        return new DownstreamSpec(name, command, args, env, url, headers, toolPrefix, protocol, trust, bytes, forwardMeta, clientRequests);
    }

    /** The same server, sent these keys of a client request's {@code _meta} too. */
    public DownstreamSpec withForwardMeta(Set<String> keys) {
        return new DownstreamSpec(name, command, args, env, url, headers, toolPrefix, protocol, trust, maxMessageBytes, keys, clientRequests);
    }

    /** The same server, spoken to in {@code revision}. */
    public DownstreamSpec withProtocol(String revision) {
        return new DownstreamSpec(name, command, args, env, url, headers, toolPrefix, revision, trust, maxMessageBytes, forwardMeta,
                clientRequests);
    }

    /** The same server, allowed to ask the client only for these capabilities (of {@link #ALL_CLIENT_REQUESTS}). */
    public DownstreamSpec withClientRequests(Set<String> capabilities) {
        return new DownstreamSpec(name, command, args, env, url, headers, toolPrefix, protocol, trust, maxMessageBytes, forwardMeta,
                capabilities);
    }

    public boolean isStdio() {
        return command != null;
    }

    public String exposedName(String tool) {
        return toolPrefix == null || toolPrefix.isEmpty() ? tool : toolPrefix + "__" + tool;
    }
}
